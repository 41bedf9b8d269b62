/**
 * Issue #6: "archiving a 1 GiB document grows the server's RSS by less than 128 MiB". The server
 * runs as `npm start` in a child process (the local stack is otherwise in-process, and the test's
 * own memory must not count); a generated document is hashed, then PUT as a stream to the
 * presigned URL (s3rver, inside the server process) and completed, which streams it back,
 * re-hashes it and copies it into originals/ by multipart upload.
 *
 * The default run uses 256 MiB (1 GiB takes minutes on a 2-core machine);
 * ISNAD_BIG_UPLOAD_MIB=1024 runs the full size.
 */
import { describe, expect, it } from "vitest";
import { generatedSha256, generatedStream } from "./generated-document";
import { completeUpload, putPresigned, requestUpload } from "./presigned-client";
import { sampleMax, startServerProcess } from "./server-process";

const MiB = 1024 * 1024;
const SIZE_MIB = Number(process.env.ISNAD_BIG_UPLOAD_MIB ?? 256);
const MAX_GROWTH = 128 * MiB;

describe("a large presigned upload", () => {
  it(
    `archives ${SIZE_MIB} MiB while the server's RSS grows by less than 128 MiB`,
    async () => {
      const size = SIZE_MIB * MiB;
      const sha256 = await generatedSha256({ size });
      const server = await startServerProcess();
      try {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const before = await server.memory();
        const peakReset = await server.resetPeak();
        const sampler = sampleMax(async () => (await server.memory()).rss);
        const started = performance.now();

        const ticket = await requestUpload(server.url, server.apiKey, {
          sha256,
          size,
          mediaType: "text/plain",
          filename: "huge.txt",
        });
        expect(ticket.status).toBe(201);
        const put = await putPresigned(ticket.body, generatedStream({ size }), size);
        expect(put.status).toBe(200);
        const uploaded = performance.now();
        const done = await completeUpload(server.url, server.apiKey, ticket.body.uploadId);
        const completed = performance.now();

        const sampled = await sampler.stop();
        const after = await server.memory();
        // VmHWM catches a spike between samples; it is only trusted once it was reset at the start.
        const peak = Math.max(sampled, peakReset ? after.peak : 0);
        const growth = peak - before.rss;
        console.log(
          `presigned upload of ${SIZE_MIB} MiB: server RSS ${mib(before.rss)} → peak ${mib(peak)} ` +
            `(growth ${mib(growth)}, limit ${mib(MAX_GROWTH)}; VmHWM ${peakReset ? "reset" : "not reset"}); ` +
            `PUT ${seconds(uploaded - started)}, complete ${seconds(completed - uploaded)}`,
        );

        expect(done.status, JSON.stringify(done.body)).toBe(201);
        expect(done.body.record.original).toMatchObject({ sha256, size });
        expect(growth).toBeGreaterThan(0);
        expect(growth).toBeLessThan(MAX_GROWTH);
      } catch (error) {
        throw new Error(`${String(error)}\nserver output:\n${server.output().slice(-4000)}`, {
          cause: error,
        });
      } finally {
        await server.close();
      }
    },
    Math.max(180_000, SIZE_MIB * 600),
  );
});

const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Issue #8, load: concurrent uploaders (each a publisher with its own key) and verifiers against
 * the real local stack (`npm start`, in its own process) over loopback HTTP for a fixed time. Throughput, p50/p99 and errors are
 * reported; no 5xx may occur. Afterwards every acknowledged upload must be present, byte-identical,
 * in the log (no gap, no duplicate, no fork) and provable offline from its receipt.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHex, hashLeaf, parseBase64, sha256 } from "@isnad/core";
import { makeMixedDocument, uploadRequest, type Document } from "./documents";
import { scale, writeFigures } from "./figures";
import { startChaosServer, type ChaosServer } from "./server";
import { LogMonitor, checkAllAcknowledged, fetchTrust, type Acknowledged } from "./proofs";
import { Traffic, percentile, sleep } from "./traffic";

const DURATION_MS = scale(10_000, 60_000);
const UPLOADERS = 8;
const VERIFIERS = 16;

let stack: ChaosServer;
const keys: { publisher: string; apiKey: string }[] = [];

beforeAll(async () => {
  stack = await startChaosServer();
  for (let i = 0; i < UPLOADERS; i++) keys.push(await stack.newPublisher(`load-${i}`));
});
afterAll(() => stack?.close());

interface Ack extends Acknowledged {
  doc: Document;
  publisher: string;
  /** Hex leaf hash of the logged entry, from the receipt the upload answered with. */
  leafHex?: string;
}

interface UploadAnswer {
  id: string;
  record: { original: { sha256: string } };
  receipt: { leafIndex: number; entry: string } | null;
}

describe("load", () => {
  it(`serves ${UPLOADERS} uploaders and ${VERIFIERS} verifiers with no 5xx and loses nothing`, async () => {
    const started = performance.now();
    await stack.resetPeak();
    const uploads = new Traffic(stack.url);
    const verifies = new Traffic(stack.url);
    const trust = await fetchTrust(verifies);
    const monitor = new LogMonitor(verifies, trust);
    const acks: Ack[] = [];
    const wrong: string[] = [];
    const stopAt = performance.now() + DURATION_MS;
    const running = () => performance.now() < stopAt;

    const uploader = async (u: number) => {
      const { apiKey, publisher } = keys[u]!;
      const mine: Ack[] = [];
      for (let i = 0; running(); i++) {
        // Every tenth upload repeats an earlier one: same bytes, same statement, 200.
        const again = i % 10 === 9 ? mine[i % mine.length] : undefined;
        const doc = again?.doc ?? (await makeMixedDocument(i + u));
        const { path, init } = uploadRequest(doc, apiKey, i, { title: `بيان ${u}-${i}`, language: "ar" });
        const res = await uploads.json<UploadAnswer>(path, init);
        if (res.status !== (again ? 200 : 201)) {
          wrong.push(`upload ${u}-${i} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          continue;
        }
        if (again) {
          if (res.body.id !== again.id) wrong.push(`re-upload of ${again.id} gave ${res.body.id}`);
          continue;
        }
        const ack: Ack = {
          id: res.body.id,
          sha256: formatHex(sha256(doc.bytes)),
          bytes: doc.bytes,
          doc,
          publisher,
          ...(res.body.receipt
            ? {
                leafIndex: res.body.receipt.leafIndex,
                leafHex: formatHex(hashLeaf(parseBase64(res.body.receipt.entry))),
              }
            : {}),
        };
        if (ack.sha256 !== res.body.record.original.sha256)
          wrong.push(`${ack.id}: the record names other bytes`);
        if (ack.leafIndex === undefined) wrong.push(`${ack.id}: acknowledged without a receipt`);
        mine.push(ack);
        acks.push(ack);
      }
    };

    const verifier = async (v: number) => {
      for (let i = 0; running(); i++) {
        const ack = acks[Math.floor(Math.random() * acks.length)];
        if (!ack) {
          await sleep(20);
          continue;
        }
        switch ((v + i) % 8) {
          case 0: {
            const res = await verifies.json<{ verdict: string }>(`/v1/verify?sha256=${ack.sha256}`);
            if (res.body.verdict !== "authentic") wrong.push(`verify ${ack.id} by hash: ${res.body.verdict}`);
            break;
          }
          case 1: {
            if (ack.doc.mediaType === "application/pdf") break; // its sentence is not in its text
            const res = await verifies.json<{ verdict: string; matches: { statement: string }[] }>(
              "/v1/verify",
              {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ text: ack.doc.sentence }),
              },
            );
            if (res.body.verdict !== "verbatim" || !res.body.matches.some((m) => m.statement === ack.id)) {
              wrong.push(`verify ${ack.id} by quote: ${res.body.verdict}`);
            }
            break;
          }
          case 2: {
            const form = new FormData();
            form.set("file", new File([ack.bytes as Uint8Array<ArrayBuffer>], ack.doc.filename));
            const res = await verifies.json<{ verdict: string }>("/v1/verify", {
              method: "POST",
              body: form,
            });
            if (res.body.verdict !== "authentic") wrong.push(`verify ${ack.id} by file: ${res.body.verdict}`);
            break;
          }
          case 3:
            await monitor.observe();
            break;
          case 4: {
            const res = await verifies.fetch(`/v1/statements/${ack.id}/receipt`);
            if (res.status !== 200) wrong.push(`receipt of ${ack.id}: ${res.status}`);
            await res.arrayBuffer();
            break;
          }
          case 5: {
            const res = await verifies.fetch(`/s/${ack.id}`);
            const page = await res.text();
            if (res.status !== 200 || !page.includes('data-proof="signature" data-ok="true"')) {
              wrong.push(`page of ${ack.id}: ${res.status}`);
            }
            break;
          }
          case 6: {
            const res = await verifies.fetch(`/v1/statements?publisher=${ack.publisher}&limit=20`);
            if (res.status !== 200) wrong.push(`listing of ${ack.publisher}: ${res.status}`);
            await res.arrayBuffer();
            break;
          }
          default: {
            const res = await verifies.fetch(`/v1/statements/${ack.id}`);
            if (res.status !== 200) wrong.push(`statement ${ack.id}: ${res.status}`);
            await res.arrayBuffer();
          }
        }
      }
    };

    await Promise.all([
      ...Array.from({ length: UPLOADERS }, (_, u) => uploader(u)),
      ...Array.from({ length: VERIFIERS }, (_, v) => verifier(v)),
    ]);
    const loadSeconds = (performance.now() - started) / 1000;
    const memory = await stack.memory();
    const uploadLatencies = [...uploads.latencies];
    const verifyLatencies = [...verifies.latencies];
    const during = { uploads: uploads.statusSummary(), verifies: verifies.statusSummary() };

    // Afterwards: every acknowledged upload, from the outside.
    const audit = new Traffic(stack.url);
    const lost = await checkAllAcknowledged(audit, trust, acks);
    const log = await new LogMonitor(audit, trust).audit();
    const final = await monitor.audit();
    const notInLog = acks.filter(
      (a) => a.leafHex === undefined || log.leafIndex.get(a.leafHex) !== a.leafIndex,
    );

    const requests = uploads.requests + verifies.requests + audit.requests;
    const unexpected5xx = uploads.unexpected5xx + verifies.unexpected5xx + audit.unexpected5xx;
    const ms = (n: number) => `${Math.round(n)} ms`;
    await writeFigures({
      suite: "load",
      requests,
      unexpected5xx,
      lostAcknowledged: new Set([...lost, ...notInLog.map((a) => a.id)]).size,
      halfVisible: wrong.length,
      forks: final.forks + log.duplicates,
      durationMs: performance.now() - started,
      notes: [
        `load: ${UPLOADERS} uploaders + ${VERIFIERS} verifiers for ${DURATION_MS / 1000} s on loopback`,
        `uploads: ${uploadLatencies.length} (${(uploadLatencies.length / loadSeconds).toFixed(1)}/s), ` +
          `p50 ${ms(percentile(uploadLatencies, 50))}, p99 ${ms(percentile(uploadLatencies, 99))} [${during.uploads}]`,
        `verifier requests: ${verifyLatencies.length} (${(verifyLatencies.length / loadSeconds).toFixed(1)}/s), ` +
          `p50 ${ms(percentile(verifyLatencies, 50))}, p99 ${ms(percentile(verifyLatencies, 99))} [${during.verifies}]`,
        `after: ${acks.length} acknowledged uploads checked (original, receipt, signature), log size ${log.size}`,
        `server peak RSS during the load: ${Math.round(memory.peak / 2 ** 20)} MiB`,
      ],
    });

    expect(uploads.failures.concat(verifies.failures, audit.failures)).toEqual([]);
    expect(unexpected5xx).toBe(0);
    expect(wrong).toEqual([]);
    expect(lost).toEqual([]);
    expect(notInLog.map((a) => a.id)).toEqual([]);
    expect(log.duplicates).toBe(0);
    expect(final.forks, final.reasons.join("; ")).toBe(0);
    expect(acks.length, "the load produced uploads").toBeGreaterThan(scale(5, 50));
  });
});

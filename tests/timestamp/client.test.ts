/**
 * The log's TSA client against a real TSA (`openssl ts -reply`) and S3 (the emulator): tokens
 * stored create-if-absent beside the checkpoint and read back; a TSA that hangs or refuses costs
 * at most the timeout and never throws.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHex, sha256, utf8 } from "@isnad/core";
import {
  TimestampClient,
  checkpointBody,
  checkpointTimestampsKey,
  parseTsaUrls,
  readCheckpointTimestamps,
} from "@isnad/archive";
import { verifyTimestampToken } from "@isnad/timestamp";
import { startOpensslTsa, TEST_TSA_POLICY, type OpensslTsa } from "../support/openssl-tsa";
import { startTestObjectStore, type TestObjectStore } from "../support/storage";

const checkpoint =
  "isnad.test/log\n5\nq2zv3n4z8uQ2y5Yx0QmPZl2m0k8xvQ9o5bV3l1c2aXo=\n\n— isnad.test/log AAAAAA==\n";
const root = sha256(utf8("root"));

let tsa: OpensslTsa;
let store: TestObjectStore;
let hanging: Server;
let hangingUrl: string;

beforeAll(async () => {
  [tsa, store] = await Promise.all([startOpensslTsa(), startTestObjectStore()]);
  hanging = createServer(() => {}); // accepts, never answers
  await new Promise<void>((r) => hanging.listen(0, "127.0.0.1", r));
  hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  hanging?.closeAllConnections();
  hanging?.close();
  await Promise.all([tsa?.close(), store?.close()]);
});

describe("TimestampClient", () => {
  it("stamps the checkpoint body, stores the token once and reads it back", async () => {
    const errors: string[] = [];
    const client = new TimestampClient({ urls: [tsa.url], onError: (u) => errors.push(u) });
    const result = await client.stamp(store.objects, checkpoint, 5, root);
    expect(result).toEqual({ configured: 1, stamped: [tsa.url] });
    expect(errors).toEqual([]);
    const stored = await readCheckpointTimestamps(store.objects, 5, root);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tsa).toBe(tsa.url);
    const v = await verifyTimestampToken(stored[0]!.token, utf8(checkpointBody(checkpoint)), {
      roots: [tsa.rootPem],
      policies: [TEST_TSA_POLICY],
    });
    expect(v.tsa).toBe("isnad test TSA");
    expect(checkpointTimestampsKey(5, root)).toBe(`log/checkpoint-timestamps/5/${formatHex(root)}.json`);
    // A second stamp of the same checkpoint (a racing integrator) leaves the first tokens.
    await client.stamp(store.objects, checkpoint, 5, root);
    expect(await readCheckpointTimestamps(store.objects, 5, root)).toEqual(stored);
  });

  it("a TSA that hangs or is not a TSA costs at most the timeout and is skipped", async () => {
    const errors: string[] = [];
    const client = new TimestampClient({
      urls: [hangingUrl, `${tsa.url}`, "http://127.0.0.1:9/"],
      timeoutMs: 3_000, // the real TSA spawns openssl per query: give it time on a busy machine
      onError: (u) => errors.push(u),
    });
    const other = sha256(utf8("other root"));
    const started = performance.now();
    const result = await client.stamp(store.objects, checkpoint, 6, other);
    const elapsed = performance.now() - started;
    expect(result.stamped).toEqual([tsa.url]);
    expect(errors.sort()).toEqual([hangingUrl, "http://127.0.0.1:9/"].sort());
    // Bounded: the hanging TSA is given up on (a generous bound for a shared machine, not a benchmark).
    expect(elapsed).toBeLessThan(10_000);
    expect(await readCheckpointTimestamps(store.objects, 6, other)).toHaveLength(1);
  });

  it("nothing stored when no TSA answers; ISNAD_TSA_URLS parsing", async () => {
    const client = new TimestampClient({ urls: [hangingUrl], timeoutMs: 100, onError: () => {} });
    const none = sha256(utf8("none"));
    expect((await client.stamp(store.objects, checkpoint, 7, none)).stamped).toEqual([]);
    expect(await readCheckpointTimestamps(store.objects, 7, none)).toEqual([]);
    expect(parseTsaUrls(undefined)).toBeUndefined();
    expect(parseTsaUrls(" ")).toBeUndefined();
    expect(parseTsaUrls("http://a.test/tsa, http://b.test/")).toEqual([
      "http://a.test/tsa",
      "http://b.test/",
    ]);
    expect(() => parseTsaUrls("not a url")).toThrow();
  });
});

/**
 * Issue #4 over HTTP: the log's endpoints on the local stack, and an upload's receipt checked
 * offline with nothing but core, the key from /v1/log and the record keys from /v1/keys.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  formatBase64,
  hashLeaf,
  isIsnadError,
  openCheckpoint,
  parseBase64,
  parseEntryBundle,
  parseReceiptTlogProof,
  parseTlogProof,
  treeHash,
  utf8,
  verifyConsistency,
  verifyReceipt,
  type ReceiptJson,
} from "@isnad/core";
import { verifyStatementReceipt } from "@isnad/archive";
import { startTestStack, type TestStack } from "../support/local-stack";

let stack: TestStack;
let log: { origin: string; verifierKey: string; treeSize: number; rootHash: string };

beforeAll(async () => {
  stack = await startTestStack();
  log = (await (await fetch(`${stack.url}/v1/log`)).json()) as typeof log;
});
afterAll(() => stack?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.url}${path}`, { headers });

interface UploadBody {
  id: string;
  record: Record<string, unknown>;
  receipt: ReceiptJson;
}

async function upload(text: string): Promise<{ status: number; body: UploadBody; bytes: Uint8Array }> {
  const bytes = utf8(text);
  const res = await fetch(`${stack.url}/v1/statements?title=t`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain" },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
  return { status: res.status, body: (await res.json()) as UploadBody, bytes };
}

async function recordKeys(): Promise<Map<string, Uint8Array>> {
  const body = (await (await get("/v1/keys")).json()) as { keys: { keyId: string; publicKey: string }[] };
  return new Map(body.keys.map((k) => [k.keyId, parseBase64(k.publicKey)]));
}

describe("log endpoints", () => {
  it("describes the log at /v1/log and publishes its key at /v1/keys", async () => {
    expect(log.origin).toBe("isnad.local/log");
    expect(log.verifierKey.startsWith(`${log.origin}+`)).toBe(true);
    expect(log.treeSize).toBeGreaterThanOrEqual(stack.seeded.length);
    const keys = (await (await get("/v1/keys")).json()) as { log: unknown };
    expect(keys.log).toEqual({ origin: log.origin, verifierKey: log.verifierKey });
  });

  it("serves a checkpoint that verifies under the published key, with a short max-age", async () => {
    const res = await get("/checkpoint");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("max-age=5");
    const { checkpoint } = openCheckpoint(await res.text(), log.verifierKey, log.origin);
    expect(checkpoint.size).toBeGreaterThanOrEqual(log.treeSize);
  });

  it("serves tiles and bundles that recompute the root; strict paths; nothing beyond the tree", async () => {
    const { checkpoint } = openCheckpoint(await (await get("/checkpoint")).text(), log.verifierKey);
    const size = checkpoint.size;
    expect(size).toBeLessThan(256); // one partial tile and bundle: the whole tree in two requests
    const bundle = await get(`/tile/entries/000.p/${size}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toBe("application/octet-stream");
    expect(bundle.headers.get("cache-control")).toBe("public, max-age=5");
    const entries = parseEntryBundle(new Uint8Array(await bundle.arrayBuffer()), size);
    expect(treeHash(entries.map(hashLeaf))).toEqual(checkpoint.rootHash);
    const tile = new Uint8Array(await (await get(`/tile/0/000.p/${size}`)).arrayBuffer());
    expect(tile).toEqual(Uint8Array.from(entries.flatMap((e) => [...hashLeaf(e)])));

    for (const [path, status] of [
      [`/tile/0/000.p/${size + 1}`, 404],
      ["/tile/0/000", 404],
      ["/tile/entries/001.p/1", 404],
      ["/tile/0/0.p/1", 400],
      ["/tile/0/000.p/256", 400],
      ["/tile/0/000.p/01", 400],
      ["/tile/64/000", 400],
      ["/tile/0/000/", 400],
      ["/tile/x", 400],
    ] as const) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("proves consistency between two checkpoints and refuses impossible ranges", async () => {
    const before = openCheckpoint(await (await get("/checkpoint")).text(), log.verifierKey).checkpoint;
    await upload(`consistency ${Math.random()}`);
    const after = openCheckpoint(await (await get("/checkpoint")).text(), log.verifierKey).checkpoint;
    expect(after.size).toBe(before.size + 1);
    const res = await get(`/v1/log/consistency?from=${before.size}&to=${after.size}`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const body = (await res.json()) as { from: number; to: number; hashes: string[] };
    expect(body.from).toBe(before.size);
    verifyConsistency(
      before.size,
      after.size,
      body.hashes.map((h) => parseBase64(h)),
      before.rootHash,
      after.rootHash,
    );
    for (const query of [
      "from=0&to=1",
      `from=2&to=1`,
      `from=1&to=${after.size + 1}`,
      "from=1",
      "from=a&to=2",
      "from=1&to=2&x=1",
    ]) {
      expect((await get(`/v1/log/consistency?${query}`)).status).toBe(400);
    }
  });
});

describe("receipts", () => {
  it("come with the upload and verify offline: checkpoint, inclusion, record signature, file", async () => {
    const { status, body, bytes } = await upload(`بيان للإيصال ${Math.random()}`);
    expect(status).toBe(201);
    const receipt = body.receipt;
    const verified = verifyStatementReceipt(receipt, {
      logVerifierKey: log.verifierKey,
      origin: log.origin,
      recordKeys: await recordKeys(),
      original: bytes,
    });
    expect(verified.record).toEqual(body.record);
    // The entry is byte for byte the canonical record, and the same receipt is served later.
    const again = (await (await get(`/v1/statements/${body.id}/receipt`)).json()) as ReceiptJson;
    expect(again.entry).toBe(receipt.entry);
    expect(again.leafIndex).toBe(receipt.leafIndex);
    expect(verifyReceipt(again, { logVerifierKey: log.verifierKey }).leafIndex).toBe(receipt.leafIndex);
    // Uploading the same bytes again answers 200 with a receipt for the same leaf.
    const replay = await fetch(`${stack.url}/v1/statements?title=t`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.apiKey}`, "content-type": "text/plain" },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { receipt: ReceiptJson }).receipt.leafIndex).toBe(receipt.leafIndex);
  });

  it("are rejected when the entry, a proof hash or the checkpoint signature is changed", async () => {
    const { body, bytes } = await upload(`tamper ${Math.random()}`);
    const receipt = body.receipt;
    const trust = { logVerifierKey: log.verifierKey, origin: log.origin, recordKeys: await recordKeys() };
    const entry = JSON.parse(new TextDecoder().decode(parseBase64(receipt.entry))) as { title: string };
    const changedEntry = { ...receipt, entry: formatBase64(utf8(JSON.stringify({ ...entry, title: "x" }))) };
    const hashes = receipt.inclusionProof.hashes;
    const changedHash = {
      ...receipt,
      inclusionProof: {
        ...receipt.inclusionProof,
        hashes: hashes.length
          ? [formatBase64(new Uint8Array(32)), ...hashes.slice(1)]
          : [formatBase64(new Uint8Array(32))],
      },
    };
    // Inside the log's own signature: the first line after the blank line (witness cosignatures,
    // which this check does not require, may follow it).
    const logLine = receipt.checkpoint.indexOf("\n\n") + 2;
    const sigAt = receipt.checkpoint.indexOf(" ", logLine + 2) + 20;
    const flipped = receipt.checkpoint[sigAt] === "A" ? "B" : "A";
    const changedSignature = {
      ...receipt,
      checkpoint: receipt.checkpoint.slice(0, sigAt) + flipped + receipt.checkpoint.slice(sigAt + 1),
    };
    for (const bad of [changedEntry, changedHash, changedSignature]) {
      let error: unknown;
      try {
        verifyStatementReceipt(bad, trust);
      } catch (e) {
        error = e;
      }
      expect(isIsnadError(error, "INVALID_RECEIPT")).toBe(true);
    }
    // The right receipt with the wrong file.
    expect(() => verifyStatementReceipt(receipt, { ...trust, original: utf8("other") })).toThrow(/SHA-256/);
    expect(verifyStatementReceipt(receipt, { ...trust, original: bytes }).leafIndex).toBe(receipt.leafIndex);
  });

  it("are served as C2SP tlog-proof@v1 text on Accept: text/x.tlog-proof", async () => {
    const { body } = await upload(`tlog-proof ${Math.random()}`);
    const res = await get(`/v1/statements/${body.id}/receipt`, { accept: "text/x.tlog-proof" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/x.tlog-proof; charset=utf-8");
    const text = await res.text();
    expect(text.startsWith("c2sp.org/tlog-proof@v1\n")).toBe(true);
    expect(parseTlogProof(text).index).toBe(body.receipt.leafIndex);
    const verified = verifyReceipt(parseReceiptTlogProof(text), { logVerifierKey: log.verifierKey });
    expect(verified.record).toEqual(body.record);
  });

  it("404 for unknown statements and 400 for malformed ids", async () => {
    expect((await get(`/v1/statements/${"0".repeat(32)}/receipt`)).status).toBe(404);
    expect((await get("/v1/statements/nope/receipt")).status).toBe(400);
  });
});

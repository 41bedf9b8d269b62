import { describe, expect, it } from "vitest";
import {
  canonicalizeToBytes,
  ed25519KeyPair,
  formatBase64,
  formatKeyId,
  formatReceipt,
  formatReceiptTlogProof,
  generateNoteKey,
  hashLeaf,
  inclusionProofFromLeaves,
  parseBase64,
  sha256Hex,
  signCheckpoint,
  signEd25519,
  treeHash,
  utf8,
  type ReceiptJson,
} from "@isnad/core";
import { checkReceiptOffline, recordSignatureProblem, type OfflineTrust } from "./receipt-checks";

const seed = new Uint8Array(32).fill(7);
const { publicKey } = ed25519KeyPair(seed);
const keyId = formatKeyId(publicKey);
const log = generateNoteKey("example.org/isnad-log");
const original = utf8("بيان صحفي: test statement\n");
const fileSha256 = sha256Hex(original);

function signedRecord(id: string, sha: string) {
  const record = {
    type: "isnad.statement/v1",
    id,
    publisher: "press",
    title: "A statement",
    publishedAt: null,
    receivedAt: "2024-05-01T10:00:00.000Z",
    original: { sha256: sha, size: original.length, mediaType: "text/plain", filename: "s.txt" },
  };
  const value = formatBase64(signEd25519(seed, canonicalizeToBytes(record)));
  return { ...record, signature: { alg: "Ed25519", keyId, value } };
}

/** A log of three entries whose middle one is our statement, and its receipt. */
function makeReceipt(): ReceiptJson {
  const entries = [
    signedRecord("a".repeat(32), "0".repeat(64)),
    signedRecord("b".repeat(32), fileSha256),
    signedRecord("c".repeat(32), "1".repeat(64)),
  ].map(canonicalizeToBytes);
  const leaves = entries.map(hashLeaf);
  const rootHash = treeHash(leaves);
  return formatReceipt({
    entry: entries[1]!,
    leafIndex: 1,
    inclusionProof: { treeSize: 3, rootHash, hashes: inclusionProofFromLeaves(leaves, 1) },
    checkpoint: signCheckpoint({ origin: "example.org/isnad-log", size: 3, rootHash }, log.signer),
  });
}

const trust: OfflineTrust = {
  logVerifierKey: log.verifierKey,
  origin: "example.org/isnad-log",
  recordKeys: new Map([[keyId, publicKey]]),
};
const statuses = (r: ReturnType<typeof checkReceiptOffline>) =>
  Object.fromEntries(r.checks.map((c) => [c.step, c.status]));

describe("checkReceiptOffline", () => {
  it("passes every step for a good receipt, its file and the keys", () => {
    const report = checkReceiptOffline(JSON.stringify(makeReceipt()), fileSha256, trust);
    expect(report.verified).toBe(true);
    expect(statuses(report)).toEqual({
      receipt: "pass",
      record: "pass",
      sha256: "pass",
      signature: "pass",
      inclusion: "pass",
      checkpoint: "pass",
    });
    expect(report.record).toMatchObject({ id: "b".repeat(32), publisher: "press" });
  });

  it("accepts the same receipt as C2SP tlog-proof text", () => {
    const receipt = makeReceipt();
    const text = formatReceiptTlogProof({
      entry: parseBase64(receipt.entry),
      leafIndex: receipt.leafIndex,
      inclusionProof: {
        treeSize: 3,
        rootHash: parseBase64(receipt.inclusionProof.rootHash),
        hashes: receipt.inclusionProof.hashes.map((h) => parseBase64(h)),
      },
      checkpoint: receipt.checkpoint,
    });
    expect(checkReceiptOffline(text, fileSha256, trust).verified).toBe(true);
  });

  it("skips the signature without record keys, and still verifies the rest", () => {
    const report = checkReceiptOffline(JSON.stringify(makeReceipt()), fileSha256, {
      ...trust,
      recordKeys: null,
    });
    expect(report.verified).toBe(true);
    expect(statuses(report).signature).toBe("skipped");
  });

  it("fails the sha256 step for another file", () => {
    const report = checkReceiptOffline(JSON.stringify(makeReceipt()), sha256Hex(utf8("other")), trust);
    expect(report.verified).toBe(false);
    expect(statuses(report)).toMatchObject({ sha256: "fail", signature: "pass", inclusion: "pass" });
  });

  it("fails the signature and inclusion steps when the entry is changed", () => {
    const receipt = makeReceipt();
    const text = new TextDecoder().decode(parseBase64(receipt.entry)).replace("A statement", "A statemenT");
    receipt.entry = formatBase64(utf8(text));
    const report = checkReceiptOffline(JSON.stringify(receipt), fileSha256, trust);
    expect(statuses(report)).toMatchObject({ sha256: "pass", signature: "fail", inclusion: "fail" });
  });

  it("fails inclusion for a changed proof hash, the checkpoint for a changed note or another key", () => {
    const receipt = makeReceipt();
    const hash = parseBase64(receipt.inclusionProof.hashes[0]!);
    hash[0] = hash[0]! ^ 1;
    const badProof = {
      ...receipt,
      inclusionProof: { ...receipt.inclusionProof, hashes: [formatBase64(hash)] },
    };
    expect(statuses(checkReceiptOffline(JSON.stringify(badProof), fileSha256, trust))).toMatchObject({
      inclusion: "fail",
      checkpoint: "pass",
    });

    const badNote = { ...receipt, checkpoint: receipt.checkpoint.replace("\n3\n", "\n4\n") };
    expect(statuses(checkReceiptOffline(JSON.stringify(badNote), fileSha256, trust))).toMatchObject({
      inclusion: "pass",
      checkpoint: "fail",
    });

    const otherLog = { ...trust, logVerifierKey: generateNoteKey("example.org/isnad-log").verifierKey };
    const report = checkReceiptOffline(JSON.stringify(receipt), fileSha256, otherLog);
    expect(report.verified).toBe(false);
    expect(statuses(report).checkpoint).toBe("fail");
  });

  it("fails the checkpoint step for a checkpoint of another log origin", () => {
    const report = checkReceiptOffline(JSON.stringify(makeReceipt()), fileSha256, {
      ...trust,
      origin: "other/log",
    });
    expect(statuses(report).checkpoint).toBe("fail");
  });

  it("stops at a receipt that does not parse", () => {
    const report = checkReceiptOffline('{"entry": 1}', fileSha256, trust);
    expect(report).toMatchObject({ verified: false, record: null });
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ step: "receipt", status: "fail" });
  });
});

describe("recordSignatureProblem", () => {
  const record = signedRecord("d".repeat(32), fileSha256);
  const keys = new Map([[keyId, publicKey]]);

  it("accepts the signed record and names each way a signature can fail", () => {
    expect(recordSignatureProblem(record, keys)).toBeUndefined();
    expect(recordSignatureProblem({ ...record, publisher: "someone else" }, keys)).toMatch(/does not match/);
    expect(recordSignatureProblem(record, new Map())).toMatch(/not among the keys given/);
    const { signature: _, ...unsigned } = record;
    expect(recordSignatureProblem(unsigned, keys)).toMatch(/no well-formed/);
    expect(
      recordSignatureProblem({ ...record, signature: { ...record.signature, value: "AA==" } }, keys),
    ).toMatch(/64 bytes/);
  });
});

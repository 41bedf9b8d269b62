import { describe, expect, it } from "vitest";
import {
  appendNoteSignatures,
  canonicalizeToBytes,
  cosignCheckpoint,
  createCosigner,
  formatCosignerVerifierKey,
  formatReceipt,
  generateNoteKey,
  hashLeaf,
  inclusionProofFromLeaves,
  parseNote,
  parseWitnessPolicy,
  sha256Hex,
  signCheckpoint,
  treeHash,
  utf8,
} from "@isnad/core";
import { checkReceiptOffline } from "./receipt-checks";

const log = generateNoteKey("example.org/isnad-log");
const [a, b] = ["a.example", "b.example"].map((n, i) => createCosigner(n, new Uint8Array(32).fill(i + 1)));
const original = utf8("statement\n");
const entry = canonicalizeToBytes({
  type: "isnad.statement/v1",
  id: "s1",
  original: { sha256: sha256Hex(original) },
});
const leaves = [hashLeaf(utf8("other")), hashLeaf(entry)];
const checkpoint = signCheckpoint(
  { origin: log.verifier.name, size: 2, rootHash: treeHash(leaves) },
  log.signer,
);
const body = parseNote(checkpoint).text;
const receiptWith = (...ws: (typeof a)[]) =>
  JSON.stringify(
    formatReceipt({
      entry,
      leafIndex: 1,
      inclusionProof: {
        treeSize: 2,
        rootHash: treeHash(leaves),
        hashes: inclusionProofFromLeaves(leaves, 1),
      },
      checkpoint: appendNoteSignatures(
        checkpoint,
        ws.map((w) => cosignCheckpoint(body, w!, 1_700_000_000)),
      ),
    }),
  );
const policy = parseWitnessPolicy(
  `log ${log.verifierKey}\nwitness A ${formatCosignerVerifierKey(a!)}\nwitness B ${formatCosignerVerifierKey(b!)}\ngroup both all A B\nquorum both\n`,
);
const trust = { logVerifierKey: log.verifierKey, recordKeys: null, policy };

describe("receipt verify --policy", () => {
  it("names the witnesses that cosigned and passes a met quorum", () => {
    const report = checkReceiptOffline(receiptWith(a!, b!), sha256Hex(original), trust);
    const check = report.checks.find((c) => c.step === "witnesses")!;
    expect(check).toEqual({
      step: "witnesses",
      status: "pass",
      message: 'cosigned by 2 of 2 witnesses (A, B): quorum "both" met',
    });
    expect(report.verified).toBe(true);
  });

  it("fails a receipt whose checkpoint lacks a cosignature the quorum needs", () => {
    const report = checkReceiptOffline(receiptWith(b!), sha256Hex(original), trust);
    expect(report.checks.find((c) => c.step === "witnesses")!.message).toBe(
      'cosigned by 1 of 2 witnesses (B): quorum "both" NOT met',
    );
    expect(report.verified).toBe(false);
  });

  it("fails a forged cosignature, and adds no witness check without a policy", () => {
    const forged = receiptWith(a!, b!).replace(/(\\u2014|—) a\.example (\S{10})/, "$1 a.example AAAAAAAAAA");
    const report = checkReceiptOffline(forged, sha256Hex(original), trust);
    expect(report.checks.find((c) => c.step === "witnesses")!.status).toBe("fail");
    const plain = checkReceiptOffline(receiptWith(), sha256Hex(original), { ...trust, policy: undefined });
    expect(plain.checks.some((c) => c.step === "witnesses")).toBe(false);
  });
});

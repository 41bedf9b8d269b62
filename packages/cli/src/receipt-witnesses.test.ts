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
const receiptWith = (...ws: (typeof a)[]) => receiptHinted(undefined, ...ws);
const receiptHinted = (witnesses: { cosigned: number; names: string[] } | undefined, ...ws: (typeof a)[]) =>
  JSON.stringify(
    formatReceipt({
      ...(witnesses && { witnesses: { configured: 2, required: 2, ...witnesses } }),
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
      message: 'witnessed by A, B (2 of 2; the policy requires 2): quorum "both" met',
    });
    expect(report.verified).toBe(true);
  });

  it("fails a receipt whose checkpoint lacks a cosignature the quorum needs", () => {
    const report = checkReceiptOffline(receiptWith(b!), sha256Hex(original), trust);
    expect(report.checks.find((c) => c.step === "witnesses")!.message).toBe(
      'witnessed by B (1 of 2; the policy requires 2): quorum "both" NOT met (a cosignature the policy requires is missing)',
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

  it("fails a receipt whose unsigned hint claims a witness that did not cosign", () => {
    const report = checkReceiptOffline(
      receiptHinted({ cosigned: 2, names: ["A", "B"] }, b!),
      sha256Hex(original),
      {
        ...trust,
        policy: parseWitnessPolicy(
          `log ${log.verifierKey}\nwitness A ${formatCosignerVerifierKey(a!)}\nwitness B ${formatCosignerVerifierKey(b!)}\nquorum B\n`,
        ),
      },
    );
    const check = report.checks.find((c) => c.step === "witnesses")!;
    expect(check.status).toBe("fail");
    expect(check.message).toMatch(/claims cosignatures by A that do not verify/);
  });

  it("reports the hint as unchecked without a policy", () => {
    const report = checkReceiptOffline(
      receiptHinted({ cosigned: 2, names: ["A", "B"] }, a!, b!),
      sha256Hex(original),
      {
        ...trust,
        policy: undefined,
      },
    );
    expect(report.checks.find((c) => c.step === "witnesses")).toEqual({
      step: "witnesses",
      status: "skipped",
      message:
        "not checked: the receipt says 2 of 2 witnesses cosigned (A, B); give --policy (GET /v1/policy) to check",
    });
    expect(report.verified).toBe(true);
  });
});

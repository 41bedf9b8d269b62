import { describe, expect, it } from "vitest";
import { utf8 } from "./bytes";
import { signCheckpoint } from "./checkpoint";
import {
  appendNoteSignatures,
  cosignCheckpoint,
  createCosigner,
  formatCosignerVerifierKey,
} from "./cosignature";
import { isIsnadError } from "./errors";
import { hashLeaf, treeHash } from "./merkle";
import { generateNoteKey, parseNote } from "./note";
import { formatReceipt, parseReceipt } from "./receipt";
import { parseWitnessPolicy } from "./tlog-policy";
import {
  compareWitnessHint,
  formatWitnessSummary,
  parseWitnessHint,
  requiredWitnesses,
  summarizeWitnesses,
  witnessHint,
} from "./witness-summary";

const log = generateNoteKey("example.org/log");
const [a, b, c] = ["a.example", "b.example", "c.example"].map((n, i) =>
  createCosigner(n, new Uint8Array(32).fill(i + 1)),
) as [
  ReturnType<typeof createCosigner>,
  ReturnType<typeof createCosigner>,
  ReturnType<typeof createCosigner>,
];
const leaves = [hashLeaf(utf8("one"))];
const checkpoint = signCheckpoint(
  { origin: log.verifier.name, size: 1, rootHash: treeHash(leaves) },
  log.signer,
);
const body = parseNote(checkpoint).text;
const cosigned = (...ws: (typeof a)[]) =>
  appendNoteSignatures(
    checkpoint,
    ws.map((w) => cosignCheckpoint(body, w, 1_700_000_000)),
  );
const witnessLines = `witness A ${formatCosignerVerifierKey(a)}\nwitness B ${formatCosignerVerifierKey(b)}\nwitness C ${formatCosignerVerifierKey(c)}\n`;
const policy = (rest: string) => parseWitnessPolicy(`log ${log.verifierKey}\n${witnessLines}${rest}`);

describe("requiredWitnesses", () => {
  it("counts the fewest cosignatures that meet the quorum", () => {
    expect(requiredWitnesses(policy("quorum none\n"))).toBe(0);
    expect(requiredWitnesses(policy("quorum B\n"))).toBe(1);
    expect(requiredWitnesses(policy("group g all A B C\nquorum g\n"))).toBe(3);
    expect(requiredWitnesses(policy("group g 2 A B C\nquorum g\n"))).toBe(2);
    // any of (A) or (both B and C): one witness suffices.
    expect(requiredWitnesses(policy("group bc all B C\ngroup g any bc A\nquorum g\n"))).toBe(1);
    expect(requiredWitnesses(policy("group bc all B C\ngroup g all bc A\nquorum g\n"))).toBe(3);
  });
});

describe("summarizeWitnesses", () => {
  const both = policy("group g 2 A B C\nquorum g\n");

  it("counts verified cosignatures only, in policy order", () => {
    const summary = summarizeWitnesses(cosigned(b, a), both);
    expect(summary).toEqual({ configured: 3, required: 2, cosigned: 2, names: ["A", "B"], satisfied: true });
    expect(formatWitnessSummary(summary)).toBe("witnessed by A, B (2 of 3; the policy requires 2)");
  });

  it("reports a missed quorum, and a line by an unknown key adds nothing", () => {
    const stranger = createCosigner("a.example", new Uint8Array(32).fill(9));
    const summary = summarizeWitnesses(cosigned(a, stranger), both);
    expect(summary).toMatchObject({ cosigned: 1, names: ["A"], satisfied: false });
    expect(formatWitnessSummary(summarizeWitnesses(checkpoint, both))).toBe(
      "witnessed by none (0 of 3; the policy requires 2)",
    );
  });

  it("throws on a forged cosignature by a policy witness", () => {
    const forged = cosigned(a).replace(/(\u2014 a\.example \S{8})\S{8}/u, "$1AAAAAAAA");
    expect(() => summarizeWitnesses(forged, both)).toThrow(/cosignature/);
  });
});

describe("the receipt's witness hint", () => {
  const receipt = {
    entry: utf8("{}"),
    leafIndex: 0,
    inclusionProof: { treeSize: 1, rootHash: treeHash(leaves), hashes: [] },
    checkpoint: cosigned(a),
  };
  const summary = summarizeWitnesses(receipt.checkpoint, policy("quorum A\n"));

  it("round-trips through the receipt's JSON", () => {
    const json = formatReceipt({ ...receipt, witnesses: witnessHint(summary) });
    expect(json.witnesses).toEqual({ configured: 3, required: 1, cosigned: 1, names: ["A"] });
    expect(parseReceipt(JSON.stringify(json)).witnesses).toEqual(json.witnesses);
    expect(formatReceipt(receipt)).not.toHaveProperty("witnesses");
  });

  it("is compared with what verifies: an overstated hint is named", () => {
    expect(compareWitnessHint(witnessHint(summary), summary)).toBeUndefined();
    expect(compareWitnessHint({ ...witnessHint(summary), names: ["A", "B"], cosigned: 2 }, summary)).toBe(
      "the receipt claims cosignatures by B that do not verify under the policy",
    );
    expect(compareWitnessHint({ ...witnessHint(summary), names: [], cosigned: 5 }, summary)).toMatch(
      /claims 5 cosignatures; 1 verify/,
    );
  });

  it("is parsed strictly", () => {
    for (const bad of [
      null,
      [],
      { configured: 1, required: 1, cosigned: 1 },
      { configured: -1, required: 0, cosigned: 0, names: [] },
      { configured: 1.5, required: 0, cosigned: 0, names: [] },
      { configured: 1, required: 0, cosigned: 0, names: [7] },
      { configured: 1, required: 0, cosigned: 0, names: [], extra: true },
      { configured: 1, required: 0, cosigned: 0, names: Array(65).fill("x") },
    ]) {
      let error: unknown;
      try {
        parseWitnessHint(bad);
      } catch (e) {
        error = e;
      }
      expect(isIsnadError(error, "INVALID_RECEIPT")).toBe(true);
    }
  });
});

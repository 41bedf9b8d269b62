import { describe, expect, it } from "vitest";
import { formatBase64, utf8 } from "./bytes";
import { canonicalize } from "./canonical-json";
import { signCheckpoint } from "./checkpoint";
import { inclusionProofFromLeaves } from "./inclusion";
import { hashLeaf, treeHash } from "./merkle";
import { generateNoteKey } from "./note";
import {
  formatReceipt,
  formatReceiptTlogProof,
  parseReceipt,
  parseReceiptTlogProof,
  verifyReceipt,
  type Receipt,
  type ReceiptJson,
} from "./receipt";
import { parseTlogProof } from "./tlog-proof";
import { expectIsnadError } from "./__fixtures__/expect-error";

const ORIGIN = "example.org/receipts";
const key = generateNoteKey(ORIGIN);
const other = generateNoteKey(ORIGIN);
const entries = Array.from({ length: 13 }, (_, i) => utf8(canonicalize({ n: i, text: `record ${i}` })));
const leafHashes = entries.map(hashLeaf);
const rootHash = treeHash(leafHashes);
const checkpoint = signCheckpoint({ origin: ORIGIN, size: entries.length, rootHash }, key.signer);
const trust = { logVerifierKey: key.verifierKey, origin: ORIGIN };

function receiptFor(index: number): Receipt {
  return {
    entry: entries[index]!,
    leafIndex: index,
    inclusionProof: {
      treeSize: entries.length,
      rootHash,
      hashes: inclusionProofFromLeaves(leafHashes, index),
    },
    checkpoint,
  };
}

const json = (index: number): ReceiptJson => formatReceipt(receiptFor(index));

/** Changes one base64 character inside the Ed25519 signature (past the 4-byte key id). */
function flipSignature(note: string): string {
  const at = note.lastIndexOf(" ") + 20;
  return note.slice(0, at) + (note[at] === "A" ? "B" : "A") + note.slice(at + 1);
}

describe("verifyReceipt", () => {
  it("accepts every leaf's receipt as a Receipt, as JSON and as JSON text", () => {
    for (let i = 0; i < entries.length; i++) {
      for (const input of [receiptFor(i), json(i), JSON.stringify(json(i))]) {
        const verified = verifyReceipt(input, trust);
        expect(verified.leafIndex).toBe(i);
        expect(verified.record).toEqual({ n: i, text: `record ${i}` });
        expect(verified.checkpoint.size).toBe(entries.length);
        expect(verified.entry).toEqual(entries[i]);
      }
    }
    // The verifier object works as well as its key string, and the origin check is optional.
    expect(verifyReceipt(json(3), { logVerifierKey: key.verifier }).leafIndex).toBe(3);
  });

  it("rejects an altered entry, proof hash, index, size, root or signature", () => {
    const base = json(5);
    const tampered: [string, ReceiptJson, RegExp][] = [
      [
        "entry",
        { ...base, entry: formatBase64(utf8(canonicalize({ n: 5, text: "record 6" }))) },
        /not included/,
      ],
      [
        "proof hash",
        {
          ...base,
          inclusionProof: {
            ...base.inclusionProof,
            hashes: [formatBase64(new Uint8Array(32)), ...base.inclusionProof.hashes.slice(1)],
          },
        },
        /not included/,
      ],
      ["leaf index", { ...base, leafIndex: 4 }, /not included/],
      ["tree size", { ...base, inclusionProof: { ...base.inclusionProof, treeSize: 12 } }, /treeSize/],
      [
        "root hash",
        { ...base, inclusionProof: { ...base.inclusionProof, rootHash: formatBase64(new Uint8Array(32)) } },
        /rootHash/,
      ],
      ["signature", { ...base, checkpoint: flipSignature(checkpoint) }, /checkpoint does not verify/],
      [
        "signer",
        { ...base, checkpoint: signCheckpoint({ origin: ORIGIN, size: 13, rootHash }, other.signer) },
        /checkpoint/,
      ],
    ];
    for (const [what, receipt, message] of tampered) {
      expectIsnadError(() => verifyReceipt(receipt, trust), "INVALID_RECEIPT", message);
      expect(what).toBeTruthy();
    }
  });

  it("rejects a checkpoint of another log and a forged larger tree", () => {
    expectIsnadError(
      () => verifyReceipt(json(0), { ...trust, origin: "example.org/other" }),
      "INVALID_RECEIPT",
      /origin/,
    );
    // A correctly signed checkpoint of a tree that does not contain the entry at that index.
    const forged = signCheckpoint(
      { origin: ORIGIN, size: 13, rootHash: treeHash(leafHashes.slice().reverse()) },
      key.signer,
    );
    expectIsnadError(
      () => verifyReceipt({ ...receiptFor(2), checkpoint: forged }, trust),
      "INVALID_RECEIPT",
      /rootHash/,
    );
  });

  it("rejects entries that are not canonical JSON", () => {
    const build = (entry: Uint8Array): Receipt => {
      const hashes = [...leafHashes.slice(0, 12), hashLeaf(entry)];
      const root = treeHash(hashes);
      return {
        entry,
        leafIndex: 12,
        inclusionProof: { treeSize: 13, rootHash: root, hashes: inclusionProofFromLeaves(hashes, 12) },
        checkpoint: signCheckpoint({ origin: ORIGIN, size: 13, rootHash: root }, key.signer),
      };
    };
    expect(verifyReceipt(build(utf8('{"a":1}')), trust).record).toEqual({ a: 1 });
    for (const bad of [utf8('{ "a": 1 }'), utf8('{"b":1,"a":2}'), Uint8Array.of(0xff), utf8("{")]) {
      expectIsnadError(() => verifyReceipt(build(bad), trust), "INVALID_RECEIPT", /canonical JSON/);
    }
  });
});

describe("parseReceipt", () => {
  it("round-trips formatReceipt", () => {
    expect(parseReceipt(json(7))).toEqual(receiptFor(7));
    expect(parseReceipt(JSON.stringify(json(0)))).toEqual(receiptFor(0));
  });

  it("carries RFC 3161 tokens when there are any (issue #16), and verifies without them", () => {
    const stamped: Receipt = {
      ...receiptFor(3),
      timestamps: [{ tsa: "https://tsa.test/", token: utf8("der") }],
    };
    const out = formatReceipt(stamped);
    expect(out.timestamps).toEqual([{ tsa: "https://tsa.test/", token: formatBase64(utf8("der")) }]);
    expect(parseReceipt(out)).toEqual(stamped);
    expect(verifyReceipt(out, trust).leafIndex).toBe(3);
    expect("timestamps" in formatReceipt({ ...receiptFor(3), timestamps: [] })).toBe(false);
  });

  it.each([
    ["not JSON", "{"],
    ["not an object", "[]"],
    ["null", null],
    ["an unknown member", { ...json(1), extra: 1 }],
    ["an unknown proof member", { ...json(1), inclusionProof: { ...json(1).inclusionProof, x: 1 } }],
    ["a negative index", { ...json(1), leafIndex: -1 }],
    ["a fractional index", { ...json(1), leafIndex: 1.5 }],
    ["a string size", { ...json(1), inclusionProof: { ...json(1).inclusionProof, treeSize: "13" } }],
    ["no proof object", { ...json(1), inclusionProof: [] }],
    ["hashes not an array", { ...json(1), inclusionProof: { ...json(1).inclusionProof, hashes: "x" } }],
    [
      "too many hashes",
      {
        ...json(1),
        inclusionProof: {
          ...json(1).inclusionProof,
          hashes: Array(65).fill(json(1).inclusionProof.rootHash),
        },
      },
    ],
    ["a short hash", { ...json(1), inclusionProof: { ...json(1).inclusionProof, hashes: ["AAAA"] } }],
    ["a numeric hash", { ...json(1), inclusionProof: { ...json(1).inclusionProof, hashes: [1] } }],
    ["a non-canonical entry", { ...json(1), entry: "e30" }],
    ["a missing checkpoint", { ...json(1), checkpoint: undefined }],
    ["timestamps not an array", { ...json(1), timestamps: {} }],
    ["too many timestamps", { ...json(1), timestamps: Array(17).fill({ tsa: "t", token: "AA==" }) }],
    ["a timestamp not an object", { ...json(1), timestamps: [1] }],
    ["a timestamp with an unknown member", { ...json(1), timestamps: [{ tsa: "t", token: "AA==", x: 1 }] }],
    ["a timestamp without a TSA", { ...json(1), timestamps: [{ token: "AA==" }] }],
    ["a timestamp token not base64", { ...json(1), timestamps: [{ tsa: "t", token: "!" }] }],
  ])("rejects %s", (_, input) => {
    expectIsnadError(() => parseReceipt(input), "INVALID_RECEIPT");
  });
});

describe("tlog-proof form", () => {
  it("carries the entry as extra data and round-trips to the same receipt", () => {
    const text = formatReceiptTlogProof(receiptFor(9));
    const proof = parseTlogProof(text);
    expect(proof.index).toBe(9);
    expect(proof.extra).toEqual(entries[9]);
    expect(proof.checkpoint).toBe(checkpoint);
    const back = parseReceiptTlogProof(text);
    expect(back).toEqual(receiptFor(9));
    expect(verifyReceipt(back, trust).leafIndex).toBe(9);
  });

  it("takes the entry from the caller when the proof has none, and refuses when neither has it", () => {
    const text = formatReceiptTlogProof({ ...receiptFor(4), entry: new Uint8Array(0) });
    expectIsnadError(() => parseReceiptTlogProof(text), "INVALID_RECEIPT", /no entry/);
    expect(verifyReceipt(parseReceiptTlogProof(text, entries[4]), trust).leafIndex).toBe(4);
    expectIsnadError(
      () => verifyReceipt(parseReceiptTlogProof(text, entries[5]), trust),
      "INVALID_RECEIPT",
      /not included/,
    );
  });

  it("refuses a proof whose checkpoint does not parse", () => {
    const text = formatReceiptTlogProof({ ...receiptFor(1), checkpoint: "not a note\n" });
    expectIsnadError(() => parseReceiptTlogProof(text), "INVALID_RECEIPT", /checkpoint/);
  });
});

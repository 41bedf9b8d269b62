/**
 * COSE receipts (RFC 9942) built by packages/cose for a real Merkle tree, checked by an
 * independent verifier (@transmute/cose) and by its own thumbprint and CBOR code.
 */
import { describe, expect, it } from "vitest";
import * as transmute from "@transmute/cose";
import { hashLeaf, inclusionProofFromLeaves, treeHash, utf8, type Receipt } from "@isnad/core";
import {
  coseKeySet,
  encodeCbor,
  generateReceiptKeyPkcs8,
  importReceiptKey,
  signCoseReceipt,
} from "@isnad/cose";
import { transmuteVerify } from "./transmute-verifier";

const entries = Array.from({ length: 13 }, (_, i) => utf8(`{"entry":${i}}\n`));
const leaves = entries.map(hashLeaf);

function receiptFor(leafIndex: number, treeSize = entries.length): Receipt {
  return {
    entry: entries[leafIndex]!,
    leafIndex,
    inclusionProof: {
      treeSize,
      rootHash: treeHash(leaves.slice(0, treeSize)),
      hashes: inclusionProofFromLeaves(leaves.slice(0, treeSize), leafIndex),
    },
    checkpoint: "",
  };
}

describe("COSE receipts", () => {
  it("verify with @transmute/cose for every leaf of trees of several sizes", async () => {
    const key = await importReceiptKey(await generateReceiptKeyPkcs8());
    const keySet = coseKeySet([key]);
    for (const size of [1, 2, 7, 13]) {
      for (let i = 0; i < size; i++) {
        const cose = await signCoseReceipt(receiptFor(i, size), key);
        const root = await transmuteVerify(entries[i]!, cose, keySet);
        expect(new Uint8Array(root)).toEqual(treeHash(leaves.slice(0, size)));
      }
    }
  });

  it("are rejected for a wrong leaf and for a wrong key", async () => {
    const key = await importReceiptKey(await generateReceiptKeyPkcs8());
    const cose = await signCoseReceipt(receiptFor(5), key);
    await expect(transmuteVerify(entries[6]!, cose, coseKeySet([key]))).rejects.toThrow();
    const other = await importReceiptKey(await generateReceiptKeyPkcs8());
    // The other key under this key's kid: the signature, not the lookup, must fail.
    await expect(
      transmuteVerify(entries[5]!, cose, coseKeySet([{ ...other, kid: key.kid }])),
    ).rejects.toThrow();
    // And with only the other key published, there is no key for the receipt's kid.
    await expect(transmuteVerify(entries[5]!, cose, coseKeySet([other]))).rejects.toThrow(/kid/);
  });

  it("name the key by its RFC 9679 thumbprint, as @transmute/cose computes it", async () => {
    const key = await importReceiptKey(await generateReceiptKeyPkcs8());
    const [coseKey] = transmute.cbor.decode(coseKeySet([key])) as Map<number, unknown>[];
    const theirs = await transmute.key.thumbprint.calculateCoseKeyThumbprint(coseKey as never);
    expect(new Uint8Array(theirs)).toEqual(key.kid);
  });

  it("are deterministic CBOR that a general decoder reads back", async () => {
    const key = await importReceiptKey(await generateReceiptKeyPkcs8());
    const cose = await signCoseReceipt(receiptFor(3), key);
    const decoded = transmute.cbor.decode(cose) as { tag: number; value: unknown[] };
    expect(decoded.tag).toBe(18);
    expect(decoded.value[2]).toBeNull();
    const header = transmute.cbor.decode(decoded.value[0] as Uint8Array) as Map<number, unknown>;
    expect([...header.entries()]).toEqual([
      [1, -7],
      [4, expect.anything()],
      [395, 1],
    ]);
    const proofs = (decoded.value[1] as Map<number, Map<number, Uint8Array[]>>).get(396)!.get(-1)!;
    const [treeSize, leafIndex, path] = transmute.cbor.decode(proofs[0]!) as [number, number, Uint8Array[]];
    expect([treeSize, leafIndex, path.length]).toEqual([13, 3, receiptFor(3).inclusionProof.hashes.length]);
    // Re-encoding canonically with the other library gives the same bytes (RFC 8949 §4.2.1).
    expect(new Uint8Array(transmute.cbor.encodeCanonical(decoded))).toEqual(cose);
  });

  it("encode integers in the shortest form and sort map keys bytewise", () => {
    expect(encodeCbor([0, 23, 24, 255, 256, 65535, 65536, -1, -24, -25, 2 ** 32, -7])).toEqual(
      new Uint8Array(
        transmute.cbor.encodeCanonical([0, 23, 24, 255, 256, 65535, 65536, -1, -24, -25, 2 ** 32, -7]),
      ),
    );
    expect(() => encodeCbor(1.5)).toThrow(RangeError);
  });

  it("refuse a key that is not P-256", async () => {
    const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, [
      "sign",
    ])) as CryptoKeyPair;
    const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
    await expect(importReceiptKey(pkcs8)).rejects.toThrow();
    await expect(importReceiptKey(new Uint8Array([1, 2, 3]))).rejects.toThrow();
  });
});

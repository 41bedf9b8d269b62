/**
 * A record's publisher signature checked again from the record (and, for a SCITT Signed
 * Statement, from the original's bytes): what passes, and each way a forged record fails.
 */
import { describe, expect, it } from "vitest";
import {
  ed25519KeyPair,
  formatBase64,
  formatHex,
  formatPublisherKeyId,
  sha256,
  signEd25519,
  utf8,
} from "@isnad/core";
import { CborMap, CborTag, encodeCbor } from "./cbor";
import { needsOriginal, verifyRecordPublisherSignature } from "./record-publisher-signature";
import { statementSignatureMessage } from "./statement-signature";

const seed = new Uint8Array(32).fill(9);
const { publicKey } = ed25519KeyPair(seed);
const keyId = formatPublisherKeyId(publicKey);

function signedStatement(kid: string, issuer?: string, signer = seed): Uint8Array {
  const entries: [number, unknown][] = [
    [1, -8],
    [4, utf8(kid)],
    [3, "text/plain"],
  ];
  if (issuer) entries.push([15, new CborMap([[1, issuer]])]);
  const protectedBytes = encodeCbor(new CborMap(entries as never));
  const payload = utf8("بيان صحفي");
  const signature = signEd25519(
    signer,
    encodeCbor(["Signature1", protectedBytes, new Uint8Array(0), payload]),
  );
  return encodeCbor(new CborTag(18, [protectedBytes, new CborMap([]), payload, signature]));
}

function coseRecord(original: Uint8Array, overrides: Record<string, unknown> = {}) {
  // The COSE_Sign1 ends with its signature: a 64-byte bstr.
  const signature = original.subarray(original.length - 64);
  return {
    publisher: "press",
    original: { sha256: formatHex(sha256(original)) },
    publisherSignature: {
      format: "cose-sign1",
      keyId,
      domain: "press.example",
      publicKey: formatBase64(publicKey),
      signature: formatBase64(signature),
      ...overrides,
    },
  };
}

describe("verifyRecordPublisherSignature", () => {
  it("cose-sign1: passes from the original's bytes; the record alone says it needs them", async () => {
    const original = signedStatement(keyId, "https://press.example");
    const record = coseRecord(original);
    expect(needsOriginal(record)).toBe(true);
    await expect(verifyRecordPublisherSignature(record, original)).resolves.toMatchObject({
      domain: "press.example",
      keyId,
    });
    await expect(verifyRecordPublisherSignature(record)).rejects.toThrow(/original's bytes are needed/);
  });

  it("cose-sign1: another original, another kid, another key, another issuer or signature fail", async () => {
    const original = signedStatement(keyId);
    const other = signedStatement(keyId, undefined, new Uint8Array(32).fill(1));
    await expect(verifyRecordPublisherSignature(coseRecord(original), other)).rejects.toThrow(
      /SHA-256 differs/,
    );
    // A record claiming the other statement's bytes but our key: the signature does not hold.
    await expect(verifyRecordPublisherSignature(coseRecord(other), other)).rejects.toThrow(/does not verify/);
    const wrongKid = signedStatement("ed25519:0000000000000000");
    await expect(verifyRecordPublisherSignature(coseRecord(wrongKid), wrongKid)).rejects.toThrow(
      /kid is ed25519:0000000000000000/,
    );
    const elsewhere = signedStatement(keyId, "other.example");
    await expect(verifyRecordPublisherSignature(coseRecord(elsewhere), elsewhere)).rejects.toThrow(
      /issuer other\.example is not press\.example/,
    );
    const swapped = coseRecord(original, { signature: formatBase64(new Uint8Array(64)) });
    await expect(verifyRecordPublisherSignature(swapped, original)).rejects.toThrow(
      /not the Signed Statement's/,
    );
  });

  it("ed25519: rebuilt from the record's fields; a changed title fails", async () => {
    const fields = { title: "بيان", language: null, publishedAt: null, sourceUrl: null };
    const record = {
      publisher: "press",
      original: { sha256: "a".repeat(64) },
      ...fields,
      supersedes: null,
      translationOf: null,
      publisherSignature: {
        format: "ed25519",
        keyId,
        domain: "press.example",
        publicKey: formatBase64(publicKey),
        signature: "",
      },
    };
    const message = statementSignatureMessage({
      sha256: "a".repeat(64),
      publisher: "press",
      domain: "press.example",
      fields,
    });
    record.publisherSignature.signature = formatBase64(signEd25519(seed, message));
    expect(needsOriginal(record)).toBe(false);
    await expect(verifyRecordPublisherSignature(record)).resolves.toMatchObject({ format: "ed25519" });
    await expect(verifyRecordPublisherSignature({ ...record, title: "بيان آخر" })).rejects.toThrow(
      /verifies under none/,
    );
  });
});

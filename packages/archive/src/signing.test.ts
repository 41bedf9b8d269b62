import { describe, expect, it } from "vitest";
import { createSigner, signRecord, verifyRecordSignature } from "./signing";
import { createKeyring } from "./keyring";

const signer = createSigner(new Uint8Array(32).fill(9));
const keys = createKeyring(signer).byId;
const record = { type: "t", id: "x", title: "بيان", n: 1, nested: { b: 2, a: [1, "z"] } };

describe("record signatures", () => {
  it("verifies a signed record, whatever the key order it is read back in", () => {
    const signed = signRecord(record, signer);
    expect(verifyRecordSignature(signed, keys)).toEqual({ valid: true, keyId: signer.keyId });
    const { nested, ...rest } = signed;
    const reordered = JSON.parse(JSON.stringify({ nested, ...rest })) as typeof signed;
    expect(verifyRecordSignature(reordered, keys).valid).toBe(true);
  });

  it("says why a signature does not verify", () => {
    const signed = signRecord(record, signer);
    const cases: [unknown, RegExp][] = [
      [{ ...signed, title: "changed" }, /does not match/],
      [{ ...record }, /no signature/],
      [{ ...signed, signature: { ...signed.signature, alg: "RSA" } }, /malformed/],
      [{ ...signed, signature: { ...signed.signature, keyId: "0000000000000000" } }, /no published key/],
      [{ ...signed, signature: { ...signed.signature, value: "!!" } }, /cannot be decoded/],
      [{ ...signed, extra: undefined }, /cannot be decoded/],
    ];
    for (const [candidate, reason] of cases) {
      const check = verifyRecordSignature(candidate as { signature?: unknown }, keys);
      expect(check.valid).toBe(false);
      expect(check.valid ? "" : check.reason).toMatch(reason);
    }
  });

  it("publishes retired keys so old records still verify", () => {
    const old = createSigner(new Uint8Array(32).fill(1));
    const signed = signRecord(record, old);
    const ring = createKeyring(signer, [old.publicKey]);
    expect(ring.keys.map((k) => k.status)).toEqual(["current", "retired"]);
    expect(verifyRecordSignature(signed, ring.byId).valid).toBe(true);
    expect(verifyRecordSignature(signed, keys).valid).toBe(false);
  });
});

/**
 * The independent verifier: @transmute/cose (npm, not isnad code) checks isnad's COSE receipts
 * the way any RFC 9942 client would: it decodes the COSE key set, recomputes the root from the
 * entry's RFC 9162 leaf hash and the receipt's inclusion proof, and verifies ES256 over it.
 */
import * as transmute from "@transmute/cose";

/** A resolver that answers with the key whose kid is in the receipt's protected header. */
async function resolverFor(keySet: Uint8Array) {
  const keys = transmute.cbor.decode(keySet) as Map<number, unknown>[];
  return {
    resolve: async (coseSign1: ArrayBuffer | Uint8Array) => {
      const { value } = transmute.cbor.decode(coseSign1) as { value: [Uint8Array, ...unknown[]] };
      const header = transmute.cbor.decode(value[0]) as Map<number, unknown>;
      const kid = header.get(4) as Uint8Array;
      const key = keys.find(
        (k) => Buffer.compare(Buffer.from(k.get(2) as Uint8Array), Buffer.from(kid)) === 0,
      );
      if (!key) throw new Error("no key with the receipt's kid in the key set");
      return transmute.key.convertCoseKeyToJsonWebKey(key as never);
    },
  };
}

/** Verifies `receipt` for log entry `entry` against the COSE key set; resolves to the root, or throws. */
export async function transmuteVerify(entry: Uint8Array, receipt: Uint8Array, keySet: Uint8Array) {
  const verifier = transmute.detached.verifier({ resolver: (await resolverFor(keySet)) as never });
  const leaf = await transmute.receipt.leaf(entry);
  return transmute.receipt.inclusion.verify({ entry: leaf, receipt, verifier } as never);
}

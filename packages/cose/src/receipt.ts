/**
 * isnad's receipt as a COSE receipt (RFC 9942, "COSE Receipts"): a COSE_Sign1 (RFC 9052 §4.2)
 * whose detached payload is the Merkle root of the log at the receipt's tree size, with the
 * RFC 9162 inclusion proof of the statement's log entry in its unprotected header:
 *
 *   protected   { 1 (alg): -7 (ES256), 4 (kid): thumbprint, 395 (vds): 1 (RFC9162_SHA256) }
 *   unprotected { 396 (vdp): { -1 (inclusion proofs): [ bstr .cbor [tree-size, leaf-index, [+ hash]] ] } }
 *   payload     nil (detached: the verifier recomputes the root from the entry and the proof)
 *
 * A verifier hashes the entry as an RFC 9162 leaf (SHA-256(0x00 ‖ entry)), walks the proof to a
 * root, and checks the signature over that root (RFC 9942 §5.3). The same proof and root as
 * the JSON receipt and its C2SP checkpoint; only the signature differs (ES256, receipt key).
 */
import type { Receipt } from "@isnad/core";
import { CborMap, CborTag, encodeCbor } from "./cbor";
import { COSE_ALG_ES256, type ReceiptKey } from "./receipt-key";

/** IANA COSE header labels (RFC 9052 §3.1; RFC 9942 §2 and §5). */
export const COSE_HEADER_ALG = 1;
export const COSE_HEADER_KID = 4;
export const COSE_HEADER_VDS = 395;
export const COSE_HEADER_VDP = 396;
/** vds 1: RFC9162_SHA256 (RFC 9942 §5); in its vdp map, -1 holds inclusion proofs. */
export const VDS_RFC9162_SHA256 = 1;
export const VDP_INCLUSION = -1;
/** CBOR tag 18: COSE_Sign1 (RFC 9052 §4.2). */
export const COSE_SIGN1_TAG = 18;

export const COSE_MEDIA_TYPE = "application/cose";

/** The protected header: the algorithm, the key and the tree algorithm are all under the signature. */
export function receiptProtectedHeader(kid: Uint8Array): Uint8Array {
  return encodeCbor(
    new CborMap([
      [COSE_HEADER_ALG, COSE_ALG_ES256],
      [COSE_HEADER_KID, kid],
      [COSE_HEADER_VDS, VDS_RFC9162_SHA256],
    ]),
  );
}

/** Sig_structure (RFC 9052 §4.4) for COSE_Sign1 with no external AAD and the root as payload. */
export function receiptToBeSigned(protectedHeader: Uint8Array, root: Uint8Array): Uint8Array<ArrayBuffer> {
  return encodeCbor(["Signature1", protectedHeader, new Uint8Array(0), root]);
}

/** The tagged COSE_Sign1 receipt for `receipt`, signed with the receipt key. */
export async function signCoseReceipt(receipt: Receipt, key: ReceiptKey): Promise<Uint8Array<ArrayBuffer>> {
  const { treeSize, rootHash, hashes } = receipt.inclusionProof;
  const protectedHeader = receiptProtectedHeader(key.kid);
  // WebCrypto's ECDSA signature is r ‖ s, 32 bytes each: exactly COSE's form (RFC 9053 §2.1).
  const signature = new Uint8Array(
    await crypto.subtle.sign(
      { name: "ECDSA", hash: "SHA-256" },
      key.privateKey,
      receiptToBeSigned(protectedHeader, rootHash),
    ),
  );
  const inclusionProof = encodeCbor([treeSize, receipt.leafIndex, hashes.map((h) => Uint8Array.from(h))]);
  const unprotected = new CborMap([[COSE_HEADER_VDP, new CborMap([[VDP_INCLUSION, [inclusionProof]]])]]);
  return encodeCbor(new CborTag(COSE_SIGN1_TAG, [protectedHeader, unprotected, null, signature]));
}

/**
 * Proof of possession for a publisher key (issue #17): before isnad logs a key, the publisher
 * signs, with that key, a message binding it to the domain, the isnad publisher and a nonce isnad
 * issued for this one registration (single use, short-lived). The leading line separates this
 * use of the key from every other (a statement signature can never pass for it, nor the reverse).
 */
import { utf8 } from "../bytes";
import { formatPublisherKeyId } from "./well-known-file";

export const KEY_POSSESSION_CONTEXT = "isnad-key-pop/v1";

export function keyPossessionMessage(input: {
  domain: string;
  publisher: string;
  publicKey: Uint8Array;
  nonce: string;
}): Uint8Array {
  return utf8(
    [
      KEY_POSSESSION_CONTEXT,
      input.domain,
      input.publisher,
      formatPublisherKeyId(input.publicKey),
      input.nonce,
      "",
    ].join("\n"),
  );
}

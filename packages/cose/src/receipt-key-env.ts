/**
 * The deployed service's receipt key, from ISNAD_RECEIPT_KEY (the hex of its PKCS #8 DER, the
 * ReceiptKeyPkcs8 sst.Secret; stacks/api.ts). A missing or malformed key fails at cold start
 * with a message that names the variable, never later on some request.
 */
import { parseHex } from "@isnad/core";
import { importReceiptKey, type ReceiptKey } from "./receipt-key";

export async function receiptKeyFromEnv(env: Record<string, string | undefined>): Promise<ReceiptKey> {
  const value = env.ISNAD_RECEIPT_KEY?.trim();
  if (!value) throw new Error("isnad: the environment variable ISNAD_RECEIPT_KEY is not set");
  try {
    return await importReceiptKey(parseHex(value));
  } catch (cause) {
    throw new Error("isnad: ISNAD_RECEIPT_KEY must be the hex of a PKCS #8 P-256 private key", { cause });
  }
}

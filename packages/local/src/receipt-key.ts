/**
 * The local COSE receipt key (ES256, packages/cose): generated once, kept as the hex of its
 * PKCS #8 DER in the data dir with mode 0600, like the signing key. (In AWS it is the
 * ReceiptKeyPkcs8 sst.Secret, given to the Lambda as ISNAD_RECEIPT_KEY.)
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { formatHex, parseHex } from "@isnad/core";
import { generateReceiptKeyPkcs8, importReceiptKey, type ReceiptKey } from "@isnad/cose";

export async function loadOrCreateReceiptKey(dataDir: string, file = "receipt-key.hex"): Promise<ReceiptKey> {
  const path = join(dataDir, file);
  try {
    return await importReceiptKey(parseHex((await readFile(path, "utf8")).trim()));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const pkcs8 = await generateReceiptKeyPkcs8();
  try {
    // "wx": never overwrite a key another process created in the meantime.
    await writeFile(path, formatHex(pkcs8) + "\n", { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return importReceiptKey(parseHex((await readFile(path, "utf8")).trim()));
  }
  return importReceiptKey(pkcs8);
}

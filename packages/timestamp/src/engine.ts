/**
 * pkijs finds WebCrypto by itself in a browser (`self.crypto`) but not in Node 20, whose
 * `globalThis.crypto` is WebCrypto without the `webcrypto` property pkijs looks for. Both
 * have the standard global, so set it once — no node:* import, the same code runs in pages.
 */
import * as pkijs from "pkijs";

let ready = false;

export function ensureEngine(): void {
  if (ready) return;
  try {
    pkijs.getEngine();
    pkijs.getCrypto(true);
  } catch {
    pkijs.setEngine("webcrypto", new pkijs.CryptoEngine({ name: "webcrypto", crypto: globalThis.crypto }));
  }
  ready = true;
}

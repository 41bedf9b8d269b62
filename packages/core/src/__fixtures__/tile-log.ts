/** A test log: a MemoryHashStore of `size` leaves, built once per size and shared. Test-only. */
import { utf8 } from "../bytes";
import { hashLeaf } from "../merkle";
import { MemoryHashStore } from "../stored-hashes";

const logs = new Map<number, Promise<{ store: MemoryHashStore; leafHashes: Uint8Array[] }>>();

export function testLog(size: number): Promise<{ store: MemoryHashStore; leafHashes: Uint8Array[] }> {
  let log = logs.get(size);
  if (log === undefined) {
    log = (async () => {
      const store = new MemoryHashStore();
      const leafHashes: Uint8Array[] = [];
      for (let i = 0; i < size; i++) {
        const h = hashLeaf(utf8(`entry ${i}`));
        leafHashes.push(h);
        await store.append(h);
      }
      return { store, leafHashes };
    })();
    logs.set(size, log);
  }
  return log;
}

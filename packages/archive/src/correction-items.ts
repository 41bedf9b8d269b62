/** Reading a statement's correction items (corrections.ts writes them; items.ts has the keys). */
import { keys } from "./items";
import { parseCorrectionItem, type StoredCorrection } from "./correction-record";
import type { ItemStore } from "./ports";

/** The statement's corrections in every state, by seq. */
export async function readCorrections(deps: { items: ItemStore }, id: string): Promise<StoredCorrection[]> {
  const page = await deps.items.query(keys.statement(id).pk, { skPrefix: "correction#", limit: 1000 });
  return page.items.map(parseCorrectionItem).sort((a, b) => a.record.seq - b.record.seq);
}

/**
 * Lists every committed statement in its content's holders item (content-items.ts), then sets the
 * store-wide marker that lets verify by hash trust those items: one GetItem per verification
 * instead of the by-content Query (issue #15). The local runner runs it at each start (a no-op
 * once the marker is set); a deployed archive runs it once with `isnad migrate-content`.
 *
 * Order: the marker only after every statement listed, so that no reader ever trusts an item that
 * lacks a committed statement. Statements committed meanwhile list themselves (ingest step 3);
 * so must every statement committed after the run: run it once no older version of the service
 * (one that writes only the link items) is left running. Idempotent: adding a listed id changes
 * nothing, so a run cut short is simply run again.
 */
import { addContentHolder, contentHoldersMigrated, markContentHoldersComplete } from "./content-items";
import { committedStatementPages } from "./committed-statements";
import type { ItemStore } from "./ports";
import type { Publishers } from "./publishers";

export interface ContentMigrationSummary {
  /** False when the marker was set already and nothing was read. */
  ran: boolean;
  publishers: number;
  statements: number;
}

export async function migrateContentHolders(
  deps: { items: ItemStore; publishers: Pick<Publishers, "list">; now: () => Date },
  onProgress: (statements: number) => void = () => {},
): Promise<ContentMigrationSummary> {
  const summary = { ran: false, publishers: 0, statements: 0 };
  if (await contentHoldersMigrated(deps.items)) return summary;
  summary.ran = true;
  for await (const page of committedStatementPages(deps.items, deps.publishers)) {
    if (page.first) summary.publishers++;
    for (const record of page.statements) {
      await addContentHolder(deps.items, record.original.sha256, record.id);
      summary.statements++;
    }
    onProgress(summary.statements);
  }
  await markContentHoldersComplete(deps.items, deps.now().toISOString());
  return summary;
}

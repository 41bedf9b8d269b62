/**
 * Every committed statement of the archive, a page (≤ 100) at a time: the publishers (their
 * directory), then each one's committed statements by the gsi1 listing, which only a commit
 * fills. What archive-wide jobs walk (reindex.ts, content-migration.ts). Each publisher yields at
 * least one page (`first`), empty when it has no statements.
 */
import { listStatements } from "./provenance";
import type { ItemStore } from "./ports";
import type { Publishers } from "./publishers";
import type { SignedStatementRecord } from "./statement-record";

export interface CommittedPage {
  publisher: string;
  /** True on a publisher's first page. */
  first: boolean;
  statements: SignedStatementRecord[];
}

export async function* committedStatementPages(
  items: ItemStore,
  publishers: Pick<Publishers, "list">,
): AsyncGenerator<CommittedPage> {
  let publisherCursor: string | undefined;
  do {
    const page = await publishers.list({
      limit: 100,
      ...(publisherCursor ? { cursor: publisherCursor } : {}),
    });
    for (const { id } of page.publishers) {
      let cursor: string | undefined;
      let first = true;
      do {
        const statements = await listStatements(items, id, { limit: 100, ...(cursor ? { cursor } : {}) });
        yield { publisher: id, first, statements: statements.statements };
        first = false;
        cursor = statements.cursor;
      } while (cursor);
    }
    publisherCursor = page.cursor;
  } while (publisherCursor);
}

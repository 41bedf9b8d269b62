/**
 * The read side: a statement with what happened to it since (superseded, translated), its chain
 * of versions, and a publisher's listing. Only committed statements are ever shown.
 */
import { defersIndex, INDEX_PENDING_SK } from "./pending-index";
import { ArchiveError } from "./errors";
import { keys, linkedId, publisherDatedListing, publisherListing } from "./items";
import { parseStatementItem, type ArchiveDeps, type StoredStatement } from "./archive-deps";
import { isStatementId, type SignedStatementRecord } from "./statement-record";
import {
  currentMetadata,
  parseCorrectionItem,
  type StatementMetadata,
  type StoredCorrection,
} from "./correction-record";
import type { ItemStore } from "./ports";

export interface StatementView extends StoredStatement {
  /** Newer statements that supersede this one (at most one since supersession.ts). */
  supersededBy: string[];
  translations: string[];
  /** The committed corrections of its metadata, oldest first (correction-record.ts). */
  corrections: StoredCorrection[];
  /** The record's metadata with those corrections applied: what to show as current. */
  current: StatementMetadata;
  /** True while its quote index is still being written (a long text; pending-index.ts). */
  indexPending?: boolean;
}

export async function getStatement(items: ItemStore, id: string): Promise<StatementView> {
  if (!isStatementId(id)) throw new ArchiveError("NOT_FOUND", `no statement with id '${id}'`);
  // The statement item and its link items share a partition: one Query reads both.
  const page = await items.query(keys.statement(id).pk, { limit: 1000 });
  const item = page.items.find((i) => i.sk === keys.statement(id).sk);
  const statement = item && parseStatementItem(item);
  if (!statement || statement.state !== "committed") {
    throw new ArchiveError("NOT_FOUND", `no statement with id '${id}'`);
  }
  const links = page;
  const linked = (prefix: string) =>
    links.items.filter((i) => i.sk.startsWith(prefix)).map((i) => linkedId(i.sk));
  const [supersededBy, translations] = await Promise.all([
    committedIds(items, linked("supersededBy#")),
    committedIds(items, linked("translation#")),
  ]);
  const corrections = links.items
    .filter((i) => i.sk.startsWith("correction#"))
    .map(parseCorrectionItem)
    .filter((c) => c.state === "committed")
    .sort((a, b) => a.record.seq - b.record.seq);
  const current = currentMetadata(statement.record, corrections);
  // The marker of a deferred quote index shares the partition: read by the same Query.
  const indexPending = links.items.some((i) => i.sk === INDEX_PENDING_SK);
  return {
    ...statement,
    supersededBy,
    translations,
    corrections,
    current,
    ...(indexPending ? { indexPending } : {}),
  };
}

/**
 * The view of a statement this request has just committed, without reading it back: nothing can
 * link to it, correct it or supersede it before it is committed (each checks that first).
 */
export function freshView(
  deps: Pick<ArchiveDeps, "indexQueue" | "indexText">,
  statement: StoredStatement,
): StatementView {
  const current = currentMetadata(statement.record, []);
  const indexPending = defersIndex(deps, statement.record);
  return {
    ...statement,
    supersededBy: [],
    translations: [],
    corrections: [],
    current,
    ...(indexPending ? { indexPending } : {}),
  };
}

/** Of these ids, those whose statement is committed (link items can point at pending ones). */
export async function committedIds(items: ItemStore, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await items.batchGet(ids.map((id) => keys.statement(id)));
  return ids.filter((_, i) => found[i]?.state === "committed");
}

export interface VersionChain {
  /** Oldest first, this statement included. */
  versions: { id: string; receivedAt: string; publishedAt: string | null; title: string | null }[];
  current: string;
  latest: string;
  /** The publisher's id (a chain never crosses publishers: ingest's checkLink). */
  publisher: string;
  translations: string[];
  translationOf: string | null;
}

const MAX_CHAIN = 100;

/** Walks `supersedes` back and `supersededBy` forward (bounded, and safe against cycles). */
export async function getVersions(items: ItemStore, id: string): Promise<VersionChain> {
  const start = await getStatement(items, id);
  // Current metadata: a correction may have added a missing supersedes link or fixed a date.
  const summary = (v: StatementView) => ({
    id: v.record.id,
    receivedAt: v.record.receivedAt,
    publishedAt: v.current.publishedAt,
    title: v.current.title,
  });
  const seen = new Set([id]);
  const older: ReturnType<typeof summary>[] = [];
  for (let v = start; v.current.supersedes && older.length < MAX_CHAIN && !seen.has(v.current.supersedes);) {
    seen.add(v.current.supersedes);
    v = await getStatement(items, v.current.supersedes);
    older.unshift(summary(v));
  }
  const newer: ReturnType<typeof summary>[] = [];
  for (let v = start; v.supersededBy[0] && newer.length < MAX_CHAIN && !seen.has(v.supersededBy[0]);) {
    seen.add(v.supersededBy[0]);
    v = await getStatement(items, v.supersededBy[0]);
    newer.push(summary(v));
  }
  const versions = [...older, summary(start), ...newer];
  return {
    versions,
    current: id,
    latest: versions[versions.length - 1]!.id,
    publisher: start.record.publisher,
    translations: start.translations,
    translationOf: start.current.translationOf,
  };
}

export interface StatementPage {
  statements: SignedStatementRecord[];
  cursor?: string;
}

/** A publisher's statements, newest first. */
export async function listStatements(
  items: ItemStore,
  publisher: string,
  options: { cursor?: string; limit?: number },
): Promise<StatementPage> {
  const page = await items.queryIndex("gsi1", publisherListing(publisher), {
    descending: true,
    limit: options.limit ?? 50,
    ...(options.cursor ? { cursor: options.cursor } : {}),
  });
  const statements = page.items.map((item) => parseStatementItem(item).record);
  return page.cursor ? { statements, cursor: page.cursor } : { statements };
}

export interface DatedStatementPage {
  /** Newest publication date first (the publisher's claim, else the day isnad received it). */
  statements: StatementView[];
  cursor?: string;
}

/**
 * A publisher's statements by publication date, newest first, as full views (current metadata,
 * corrections): what the publisher page and its Atom feed list. Statements archived before the
 * dated listing existed are not in it (see dated-listing.ts).
 */
export async function listStatementsByDate(
  items: ItemStore,
  publisher: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<DatedStatementPage> {
  const page = await items.queryIndex("gsi1", publisherDatedListing(publisher), {
    descending: true,
    limit: options.limit ?? 20,
    ...(options.cursor ? { cursor: options.cursor } : {}),
  });
  const views = await Promise.all(
    page.items.map((item) =>
      getStatement(items, linkedId(String(item.gsi1sk))).catch((e: unknown) => {
        if (e instanceof ArchiveError && e.code === "NOT_FOUND") return undefined; // still pending
        throw e;
      }),
    ),
  );
  const statements = views.filter((v): v is StatementView => v !== undefined);
  return page.cursor ? { statements, cursor: page.cursor } : { statements };
}

export interface ContentHolder {
  statement: string;
  publisher: string;
  receivedAt: string;
}

/** Who archived the same bytes (the same original SHA-256), the first and the others. */
export interface SameContent {
  /** The earliest committed statement with these bytes (by receivedAt, then log position). */
  firstArchived: ContentHolder;
  /** The other statements with these bytes, oldest first (other publishers', by construction). */
  alsoArchivedBy: ContentHolder[];
}

/**
 * Reuses the by-content index of verify by hash: one Query and one BatchGet. Only committed
 * statements whose record really names these bytes count. `known`: a committed statement the
 * caller holds already (the one being shown), not read again — for bytes only it holds, the
 * BatchGet is skipped.
 */
export async function sameContent(
  items: ItemStore,
  sha256Hex: string,
  known?: StoredStatement,
): Promise<SameContent | undefined> {
  const links = await items.query(keys.byContent(sha256Hex, "").pk, { limit: 1000 });
  const ids = links.items.map((l) => linkedId(l.sk));
  if (ids.length === 0) return undefined;
  const held = known?.state === "committed" && ids.includes(known.record.id) ? known : undefined;
  const others = ids.filter((id) => id !== held?.record.id);
  const found = others.length > 0 ? await items.batchGet(others.map((id) => keys.statement(id))) : [];
  const holders = [
    ...(held ? [held] : []),
    ...found.filter((item) => item?.state === "committed").map((item) => parseStatementItem(item!)),
  ]
    .filter((s) => s.record.original.sha256 === sha256Hex)
    .sort(
      (a, b) =>
        a.record.receivedAt.localeCompare(b.record.receivedAt) ||
        (a.leafIndex ?? Infinity) - (b.leafIndex ?? Infinity),
    )
    .map((s) => ({ statement: s.record.id, publisher: s.record.publisher, receivedAt: s.record.receivedAt }));
  const [firstArchived, ...alsoArchivedBy] = holders;
  return firstArchived && { firstArchived, alsoArchivedBy };
}

/**
 * The read side: a statement with what happened to it since (superseded, translated), its chain
 * of versions, and a publisher's listing. Only committed statements are ever shown.
 */
import { ArchiveError } from "./errors";
import { keys, linkedId, publisherListing } from "./items";
import { parseStatementItem, type StoredStatement } from "./archive-deps";
import { isStatementId, type SignedStatementRecord } from "./statement-record";
import type { ItemStore } from "./ports";

export interface StatementView extends StoredStatement {
  /** Newer statements that supersede this one (normally at most one). */
  supersededBy: string[];
  translations: string[];
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
  return { ...statement, supersededBy, translations };
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
  translations: string[];
  translationOf: string | null;
}

const MAX_CHAIN = 100;

/** Walks `supersedes` back and `supersededBy` forward (bounded, and safe against cycles). */
export async function getVersions(items: ItemStore, id: string): Promise<VersionChain> {
  const start = await getStatement(items, id);
  const summary = (r: SignedStatementRecord) => ({
    id: r.id,
    receivedAt: r.receivedAt,
    publishedAt: r.publishedAt,
    title: r.title,
  });
  const seen = new Set([id]);
  const older: ReturnType<typeof summary>[] = [];
  for (let r = start.record; r.supersedes && older.length < MAX_CHAIN && !seen.has(r.supersedes);) {
    seen.add(r.supersedes);
    r = (await getStatement(items, r.supersedes)).record;
    older.unshift(summary(r));
  }
  const newer: ReturnType<typeof summary>[] = [];
  for (let v = start; v.supersededBy[0] && newer.length < MAX_CHAIN && !seen.has(v.supersededBy[0]);) {
    seen.add(v.supersededBy[0]);
    v = await getStatement(items, v.supersededBy[0]);
    newer.push(summary(v.record));
  }
  const versions = [...older, summary(start.record), ...newer];
  return {
    versions,
    current: id,
    latest: versions[versions.length - 1]!.id,
    translations: start.translations,
    translationOf: start.record.translationOf,
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

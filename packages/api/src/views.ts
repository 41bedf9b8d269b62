/** The JSON shapes of statements in responses, with the links a client follows next. */
import {
  publisherLookup,
  sameContent,
  type PublisherSummary,
  type SameContent,
  type StatementView,
  type StoredCorrection,
} from "@isnad/archive";
import type { ApiDeps } from "./deps";
import { signedByJson } from "./signed-by";

export function statementLinks(id: string) {
  const self = `/v1/statements/${id}`;
  return {
    self,
    page: `/s/${id}`,
    original: `${self}/original`,
    text: `${self}/text`,
    receipt: `${self}/receipt`,
    versions: `${self}/versions`,
    corrections: `${self}/corrections`,
  };
}

/** What a statement still waiting for its quote index says (its id, hash and file verify already). */
export const QUOTE_INDEX_PENDING = {
  state: "pending",
  message: "quote search will find this statement within a minute",
} as const;

export function statementJson(
  view: Pick<StatementView, "record"> & Partial<StatementView>,
  context: { publisher?: PublisherSummary; sameContent?: SameContentJson | null } = {},
) {
  return {
    id: view.record.id,
    ...(context.publisher ? { publisher: context.publisher } : {}),
    record: view.record,
    // The record's metadata as corrected since (the record itself, signed, never changes), when
    // the caller read the corrections: a bare listing of records (GET /v1/statements) has none,
    // and says nothing rather than something stale.
    ...(view.current ? { current: view.current } : {}),
    ...(view.corrections ? { corrections: view.corrections.map((c) => correctionJson(c)) } : {}),
    supersededBy: view.supersededBy ?? [],
    translations: view.translations ?? [],
    ...(context.sameContent !== undefined ? { sameContent: context.sameContent } : {}),
    // A long text is archived before its quote index is written (issue #15): say so meanwhile.
    ...(view.indexPending ? { quoteIndex: QUOTE_INDEX_PENDING } : {}),
    // The publisher's own signature, apart from isnad's (issue #17); null when it did not sign.
    signedBy: signedByJson(view.record),
    links: statementLinks(view.record.id),
  };
}

/** One correction as the statement view lists it: dated, what changed from what, and its proofs. */
export function correctionJson(c: StoredCorrection) {
  const { record } = c;
  const self = `/v1/statements/${record.statement}/corrections/${record.seq}`;
  return {
    seq: record.seq,
    receivedAt: record.receivedAt,
    changes: record.changes,
    previous: record.previous,
    reason: record.reason,
    record,
    ...(c.leafIndex === undefined ? {} : { leafIndex: c.leafIndex }),
    links: { self, receipt: `${self}/receipt` },
  };
}

interface HolderJson {
  statement: string;
  publisher: PublisherSummary;
  receivedAt: string;
  links: { self: string; page: string };
}

/** Who archived the same bytes first, and who else did (issue #14). */
export interface SameContentJson {
  /** True when this statement is the first archiving of these bytes. */
  first: boolean;
  firstArchived: HolderJson;
  alsoArchivedBy: HolderJson[];
}

async function sameContentJson(
  found: SameContent | undefined,
  id: string,
  lookup: (id: string) => Promise<PublisherSummary>,
): Promise<SameContentJson | null> {
  if (!found) return null;
  const holder = async (h: SameContent["firstArchived"]): Promise<HolderJson> => ({
    statement: h.statement,
    publisher: await lookup(h.publisher),
    receivedAt: h.receivedAt,
    links: { self: `/v1/statements/${h.statement}`, page: `/s/${h.statement}` },
  });
  return {
    first: found.firstArchived.statement === id,
    firstArchived: await holder(found.firstArchived),
    alsoArchivedBy: await Promise.all(found.alsoArchivedBy.map(holder)),
  };
}

/**
 * A statement view as GET /v1/statements/{id} and the upload answer give it: with its publisher
 * (names, domain, URL), its current metadata and corrections, and who else archived its bytes.
 */
export async function statementViewJson(deps: Pick<ApiDeps, "archive">, view: StatementView) {
  const lookup = publisherLookup(deps.archive.items);
  const [publisher, same] = await Promise.all([
    lookup(view.record.publisher),
    sameContent(deps.archive.items, view.record.original.sha256, view),
  ]);
  return statementJson(view, { publisher, sameContent: await sameContentJson(same, view.record.id, lookup) });
}

/**
 * Verify results name statements by publisher id (`publisher: "mofa"`); readers need the name.
 * Each match gets `publisher` as the summary object and keeps the id as `publisherId`.
 */
export async function withPublishers<T extends { publisher: string }>(
  deps: Pick<ApiDeps, "archive">,
  matches: readonly T[],
  lookup = publisherLookup(deps.archive.items),
): Promise<(Omit<T, "publisher"> & { publisher: PublisherSummary; publisherId: string })[]> {
  return Promise.all(
    matches.map(async (m) => ({ ...m, publisher: await lookup(m.publisher), publisherId: m.publisher })),
  );
}

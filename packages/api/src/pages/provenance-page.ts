/**
 * The provenance page of one statement (/s/{id} and Accept: text/html on /v1/statements/{id}):
 * gathers what @isnad/web's page shows — the publisher by name, the current metadata and its
 * corrections, the text and what changed from the version it supersedes, who archived the same
 * bytes first, the version chain, the translations, the checks the server runs itself (the
 * record's signature against /v1/keys, the receipt against the log's current checkpoint) and the
 * single-file CLI's SHA-256 — and renders it.
 */
import {
  ArchiveError,
  checkInclusion,
  getStatement,
  getVersions,
  publisherLookup,
  sameContent,
  verifyRecordSignature,
  type PublisherSummary,
  type StatementView,
} from "@isnad/archive";
import {
  CLI_BUNDLE,
  diffWords,
  parseHighlight,
  provenancePage,
  type Lang,
  type ProvenanceData,
  type SameContentInfo,
  type StatementSummary,
  type VersionDiff,
} from "@isnad/web";
import type { ApiDeps } from "../deps";
import { provenanceAnchors } from "./provenance-anchors";
import { assetsOf } from "./shared-assets";
import { PAGE_TEXT_CHARS, readStatementText } from "./statement-texts";

/** Translations listed by title (one read each); more are rare and still reachable by id. */
const MAX_TRANSLATIONS = 20;

export interface ProvenanceRequest {
  url: string;
  lang: Lang;
  /** `?hl=start-end,…`: passages to mark in the text. */
  highlight?: string | null;
}

export async function provenanceData(
  deps: ApiDeps,
  view: StatementView,
  baseUrl: string,
  highlight: string | null = null,
): Promise<ProvenanceData> {
  const items = deps.archive.items;
  const lookup = publisherLookup(items);
  const summarize = async (id: string): Promise<StatementSummary> => {
    try {
      const { record, current } = await getStatement(items, id);
      return { id, title: current.title, language: current.language, receivedAt: record.receivedAt };
    } catch (error) {
      if (error instanceof ArchiveError && error.code === "NOT_FOUND") return { id, title: null };
      throw error;
    }
  };
  const translationOf = view.current.translationOf;
  const [chain, inclusion, translations, original, publisher, same, text, diff, cli, anchors] =
    await Promise.all([
      getVersions(items, view.record.id),
      checkInclusion(deps.log.reader, view),
      Promise.all(view.translations.slice(0, MAX_TRANSLATIONS).map(summarize)),
      translationOf ? summarize(translationOf) : null,
      lookup(view.record.publisher),
      sameContentInfo(deps, view, lookup),
      readStatementText(deps, view.record),
      versionDiff(deps, view),
      cliInfo(deps),
      provenanceAnchors(deps, view),
    ]);
  return {
    record: view.record,
    current: view.current,
    publisher,
    corrections: view.corrections.map(({ record: c }) => ({
      seq: c.seq,
      receivedAt: c.receivedAt,
      changes: c.changes,
      previous: c.previous,
      reason: c.reason,
    })),
    sameContent: same,
    text: text === null ? null : { content: text.slice(0, PAGE_TEXT_CHARS), length: text.length },
    highlight: parseHighlight(highlight),
    diff,
    cli,
    supersededBy: view.supersededBy,
    ...(view.indexPending ? { quoteIndexPending: true } : {}),
    versions: chain.versions,
    translations,
    translationOf: original,
    signature: verifyRecordSignature(view.record, deps.keyring.byId),
    inclusion,
    log: { origin: deps.log.origin, verifierKey: deps.log.verifierKey },
    ...(anchors ? { anchors } : {}),
    baseUrl,
  };
}

async function sameContentInfo(
  deps: ApiDeps,
  view: StatementView,
  lookup: (id: string) => Promise<PublisherSummary>,
): Promise<SameContentInfo | null> {
  const found = await sameContent(deps.archive.items, view.record.original.sha256, view);
  if (!found) return null;
  const holder = async (h: typeof found.firstArchived) => ({
    statement: h.statement,
    publisher: await lookup(h.publisher),
    receivedAt: h.receivedAt,
  });
  return {
    first: found.firstArchived.statement === view.record.id,
    firstArchived: await holder(found.firstArchived),
    alsoArchivedBy: await Promise.all(found.alsoArchivedBy.map(holder)),
  };
}

/** Word by word against the version this one supersedes (as corrected), when there is one. */
async function versionDiff(deps: ApiDeps, view: StatementView): Promise<VersionDiff | null> {
  const previousId = view.current.supersedes;
  if (!previousId) return null;
  let previous: StatementView;
  try {
    previous = await getStatement(deps.archive.items, previousId);
  } catch (error) {
    if (error instanceof ArchiveError && error.code === "NOT_FOUND") return null;
    throw error;
  }
  const against: StatementSummary = {
    id: previousId,
    title: previous.current.title,
    language: previous.current.language,
    receivedAt: previous.record.receivedAt,
  };
  const [before, after] = await Promise.all([
    readStatementText(deps, previous.record),
    readStatementText(deps, view.record),
  ]);
  if (before === null || after === null) return { against, parts: "unavailable" };
  return { against, parts: diffWords(before, after) };
}

/** The CLI's URL and SHA-256; null when this server can neither read nor build it. */
async function cliInfo(deps: ApiDeps): Promise<ProvenanceData["cli"]> {
  try {
    const asset = await assetsOf(deps).get(CLI_BUNDLE);
    return asset ? { href: `/cli/${CLI_BUNDLE}`, sha256: asset.sha256 } : null;
  } catch {
    return null; // the offline steps still name /cli/isnad.mjs; the route says why it is missing
  }
}

export async function provenanceHtml(
  deps: ApiDeps,
  view: StatementView,
  request: ProvenanceRequest,
): Promise<string> {
  const origin = new URL(request.url).origin;
  return provenancePage(await provenanceData(deps, view, origin, request.highlight ?? null), request.lang);
}

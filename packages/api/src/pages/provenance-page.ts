/**
 * The provenance page of one statement (/s/{id} and Accept: text/html on /v1/statements/{id}):
 * gathers what @isnad/web's page shows — the version chain, the translations, and the checks the
 * server runs itself (the record's signature against /v1/keys, the receipt against the log's
 * current checkpoint) — and renders it.
 */
import {
  ArchiveError,
  checkInclusion,
  getStatement,
  getVersions,
  verifyRecordSignature,
  type StatementView,
} from "@isnad/archive";
import { provenancePage, type Lang, type ProvenanceData, type StatementSummary } from "@isnad/web";
import type { ApiDeps } from "../deps";

/** Translations listed by title (one read each); more are rare and still reachable by id. */
const MAX_TRANSLATIONS = 20;

export async function provenanceData(
  deps: ApiDeps,
  view: StatementView,
  baseUrl: string,
): Promise<ProvenanceData> {
  const items = deps.archive.items;
  const summarize = async (id: string): Promise<StatementSummary> => {
    try {
      const { record } = await getStatement(items, id);
      return { id, title: record.title, language: record.language, receivedAt: record.receivedAt };
    } catch (error) {
      if (error instanceof ArchiveError && error.code === "NOT_FOUND") return { id, title: null };
      throw error;
    }
  };
  const [chain, inclusion, translations, translationOf] = await Promise.all([
    getVersions(items, view.record.id),
    checkInclusion(deps.log.reader, view),
    Promise.all(view.translations.slice(0, MAX_TRANSLATIONS).map(summarize)),
    view.record.translationOf ? summarize(view.record.translationOf) : null,
  ]);
  return {
    record: view.record,
    supersededBy: view.supersededBy,
    versions: chain.versions,
    translations,
    translationOf,
    signature: verifyRecordSignature(view.record, deps.keyring.byId),
    inclusion,
    log: { origin: deps.log.origin, verifierKey: deps.log.verifierKey },
    baseUrl,
  };
}

export async function provenanceHtml(
  deps: ApiDeps,
  view: StatementView,
  request: { url: string; lang: Lang },
): Promise<string> {
  return provenancePage(await provenanceData(deps, view, new URL(request.url).origin), request.lang);
}

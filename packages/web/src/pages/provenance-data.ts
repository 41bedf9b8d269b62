/**
 * What the provenance page shows, as plain data. The API gathers it (the record, its version
 * chain, the checks it ran); the page only renders. The shapes mirror @isnad/archive's
 * (SignedStatementRecord, VersionChain, SignatureCheck, InclusionCheck) structurally, so that
 * web depends on nothing but core.
 */
export interface ProvenanceRecord {
  id: string;
  publisher: string;
  title: string | null;
  language: string | null;
  publishedAt: string | null;
  receivedAt: string;
  sourceUrl: string | null;
  original: { sha256: string; size: number; mediaType: string; filename: string | null };
  text: { status: string; sha256: string | null } | null;
  supersedes: string | null;
  translationOf: string | null;
  signature: { keyId: string };
}

export interface StatementSummary {
  id: string;
  title: string | null;
  language?: string | null;
  receivedAt?: string;
  publishedAt?: string | null;
}

export type SignatureResult =
  { valid: true; keyId: string } | { valid: false; keyId: string | null; reason: string };

export type InclusionResult =
  { checked: true; leafIndex: number; treeSize: number } | { checked: false; reason: string };

export interface ProvenanceData {
  record: ProvenanceRecord;
  /** Newer statements that supersede this one. */
  supersededBy: string[];
  /** The version chain, oldest first, this statement included. */
  versions: StatementSummary[];
  translations: StatementSummary[];
  translationOf: StatementSummary | null;
  signature: SignatureResult;
  inclusion: InclusionResult;
  log: { origin: string; verifierKey: string };
  /** This service's absolute origin (e.g. https://isnad.example), for copyable commands. */
  baseUrl: string;
}

/** The links of one statement (the same ones the API's JSON carries). */
export function statementHrefs(id: string) {
  const self = `/v1/statements/${encodeURIComponent(id)}`;
  return {
    self,
    page: `/s/${encodeURIComponent(id)}`,
    original: `${self}/original`,
    text: `${self}/text`,
    receipt: `${self}/receipt`,
    versions: `${self}/versions`,
  };
}

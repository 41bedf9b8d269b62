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
  /** The publisher's own signature (issue #17), absent when it did not sign. */
  publisherSignature?: { format: string; keyId: string; domain: string };
}

/** The fields a publisher may correct after archiving (archive's correction-record.ts). */
export interface StatementMetadata {
  title: string | null;
  language: string | null;
  publishedAt: string | null;
  sourceUrl: string | null;
  supersedes: string | null;
  translationOf: string | null;
}

export type MetadataField = keyof StatementMetadata;

/** Who publishes: what every page names (archive's PublisherSummary). */
export interface PublisherInfo {
  id: string;
  name: string;
  names: Readonly<Record<string, string>>;
  domain?: string;
  url?: string;
}

export interface CorrectionInfo {
  seq: number;
  receivedAt: string;
  changes: Partial<StatementMetadata>;
  previous: Partial<StatementMetadata>;
  reason: string | null;
}

export interface ContentHolderInfo {
  statement: string;
  publisher: PublisherInfo;
  receivedAt: string;
}

export interface SameContentInfo {
  /** True when this statement is the first archiving of these bytes. */
  first: boolean;
  firstArchived: ContentHolderInfo;
  alsoArchivedBy: ContentHolderInfo[];
}

/** The extracted text as the page shows it (at most a bounded prefix of a long text). */
export interface StatementText {
  content: string;
  /** The whole text's length in UTF-16 units (content may be a prefix of it). */
  length: number;
}

/** "What changed" against the version this one supersedes. */
export interface VersionDiff {
  against: StatementSummary;
  /** null: too different to show word by word; "unavailable": a side has no text. */
  parts: { op: "same" | "added" | "removed"; text: string }[] | null | "unavailable";
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

/**
 * Witnesses and trusted time for the checkpoint that includes the record (issue #16), each
 * verified by the server before the page says it: cosignatures under the log's witness policy,
 * RFC 3161 tokens against pinned TSA roots. Absent or empty: the page says nothing of them.
 */
export interface AnchorsInfo {
  /** null: the log's policy names no witness. */
  witnesses: {
    names: string[];
    cosigned: number;
    configured: number;
    required: number;
    satisfied: boolean;
  } | null;
  /** Verified tokens only: genTime as ISO 8601, the TSA by its certificate's name. */
  timestamps: { tsa: string; genTime: string }[];
}

export interface ProvenanceData {
  record: ProvenanceRecord;
  /** The record's metadata with the publisher's corrections applied: what the page shows. */
  current: StatementMetadata;
  publisher: PublisherInfo;
  corrections: CorrectionInfo[];
  sameContent: SameContentInfo | null;
  text: StatementText | null;
  /** UTF-16 [start, end) ranges of the text to highlight (a passage a verify result found). */
  highlight: [number, number][];
  diff: VersionDiff | null;
  /** The single-file CLI (/cli/isnad.mjs) and its SHA-256, when this server can serve it. */
  cli: { href: string; sha256: string } | null;
  /** Newer statements that supersede this one. */
  supersededBy: string[];
  /** True while its quote index is still being written (a long text, archived first). */
  quoteIndexPending?: boolean;
  /** The version chain, oldest first, this statement included. */
  versions: StatementSummary[];
  translations: StatementSummary[];
  translationOf: StatementSummary | null;
  signature: SignatureResult;
  inclusion: InclusionResult;
  log: { origin: string; verifierKey: string };
  /** Witnesses and trusted time, when the server verified any (provenance-anchors.ts). */
  anchors?: AnchorsInfo;
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

/** A publisher's name in the reader's language, else its default name. */
export function publisherName(publisher: PublisherInfo, lang: string): string {
  return Object.hasOwn(publisher.names, lang) ? publisher.names[lang]! : publisher.name;
}

/** The links of one publisher's pages. */
export function publisherHrefs(id: string) {
  const page = `/p/${encodeURIComponent(id)}`;
  return { page, feed: `${page}/feed.atom`, self: `/v1/publishers/${encodeURIComponent(id)}` };
}

/**
 * A URL safe to put in an href: absolute http(s) only (no javascript:, data:, or relative tricks),
 * without credentials. Anything else is shown as text, never as a link.
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) return null;
  return url.href;
}

/** Parses `?hl=` / `#q=`: "start-end" ranges, comma-separated, at most 20, each start < end. */
export function parseHighlight(value: string | null | undefined): [number, number][] {
  if (!value) return [];
  const ranges: [number, number][] = [];
  for (const part of value.slice(0, 400).split(",").slice(0, 20)) {
    const m = /^(\d{1,9})-(\d{1,9})$/.exec(part.trim());
    if (!m) continue;
    const start = Number(m[1]);
    const end = Number(m[2]);
    if (start < end) ranges.push([start, end]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

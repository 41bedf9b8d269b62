/**
 * The JSON the API returns about statements, as far as the CLI reads it (the full documents are
 * passed through to --json untouched), and the lines that describe one statement to a person.
 */
export interface StatementRecordJson {
  id: string;
  publisher: string;
  title: string | null;
  publishedAt: string | null;
  receivedAt: string;
  original: { sha256: string; size: number; mediaType: string; filename: string | null };
  signature?: { keyId?: string };
  /** The publisher's own signature, checked by isnad at upload (issue #17). */
  publisherSignature?: { format: string; keyId: string; domain: string };
}

/** Who signed a statement besides isnad: the domain whose key it was, and that key (issue #17). */
export interface SignedByJson {
  domain: string;
  keyId: string;
}

export interface SignatureJson {
  valid: boolean;
  keyId: string | null;
  reason?: string;
}

/** Who published a statement, as the API names them (a bare id from servers before names). */
export interface PublisherJson {
  id: string;
  name: string;
  names?: Record<string, string>;
  domain?: string;
  url?: string;
}

/** The members verify results share, whether found by hash or by quote. */
export interface MatchJson {
  statement: string;
  publisher: PublisherJson | string;
  publisherId?: string;
  title: string | null;
  publishedAt: string | null;
  receivedAt: string;
  superseded: boolean;
  supersededBy: string[];
  /** By hash: whether this statement archived the bytes first (several publishers may have). */
  archivedFirst?: boolean;
  signature: SignatureJson;
  /** Present when the publisher signed the statement itself (servers before issue #17: absent). */
  signedBy?: SignedByJson | null;
}

/** "signed by press.example (key ed25519:…)": the publisher's signature, apart from isnad's. */
export function formatSignedBy(signedBy: SignedByJson | null | undefined): string {
  return signedBy
    ? `  signed by  ${signedBy.domain} (key ${signedBy.keyId}), checked against its domain's keys at upload`
    : "  signed by  (the publisher did not sign it: only isnad vouches for who uploaded it)";
}

/**
 * "Ministry of Foreign Affairs · وزارة الخارجية (mofa.example) [mofa]": every name, then the
 * domain, then the id, so a reader can tell it apart from a look-alike.
 */
export function formatPublisher(p: PublisherJson | string): string {
  if (typeof p === "string") return p;
  const names = [p.name, ...Object.values(p.names ?? {}).filter((n) => n !== p.name)];
  return `${[...new Set(names)].join(" · ")}${p.domain ? ` (${p.domain})` : ""} [${p.id}]`;
}

/** The human page of a statement (`/s/{id}`): what a person opens, shares and cites. */
export function statementUrl(server: string, id: string): string {
  return `${server}/s/${id}`;
}

export function formatStatementLines(server: string, m: MatchJson, extra: string[] = []): string[] {
  const lines = [
    `statement  ${m.title ?? "(untitled)"}`,
    `  id         ${m.statement}`,
    `  publisher  ${formatPublisher(m.publisher)}`,
    `  published  ${m.publishedAt ?? "(no date given)"}${m.publishedAt ? "  (the publisher's date)" : ""}`,
    `  archived   ${m.receivedAt}`,
    m.signature.valid
      ? `  signature  ✓ archived by isnad (record signed with key ${m.signature.keyId})`
      : `  signature  ✗ ${m.signature.reason ?? "does not verify"}: do not rely on this record`,
    ...(m.signedBy !== undefined ? [formatSignedBy(m.signedBy)] : []),
    ...extra,
  ];
  if (m.archivedFirst === false) {
    lines.push("  ⚠ not the first: another publisher archived these same bytes earlier (listed above)");
  }
  for (const newer of m.supersededBy) {
    lines.push(
      `  ⚠ superseded by ${newer}: the publisher issued a newer version (${statementUrl(server, newer)})`,
    );
  }
  lines.push(`  url        ${statementUrl(server, m.statement)}`);
  return lines;
}

/**
 * A publisher's Atom feed (`/p/{id}/feed.atom`, RFC 4287): one entry per statement, newest
 * publication first. Ids are the statements' permanent page URLs (§4.2.6: never reused, never
 * changed); `updated` moves when the publisher corrects a statement, so readers show the fix;
 * `published` is the publication date the publisher states (else the archiving date). Every
 * value is escaped, and characters XML 1.0 forbids (§2.2 Char) are dropped, so that a hostile
 * title cannot break the document.
 */
import { publisherHrefs, publisherName, statementHrefs, type PublisherInfo } from "./provenance-data";
import type { PublisherListing } from "./publisher-page";
import { SITE_STRINGS } from "../strings/site-strings";
import type { Lang } from "../i18n";

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

export interface FeedEntry extends PublisherListing {
  /** When the entry last changed: its latest correction, else its archiving. */
  updated: string;
  original: { mediaType: string; size: number; sha256: string };
}

export interface FeedData {
  publisher: PublisherInfo & { createdAt?: string };
  entries: FeedEntry[];
  baseUrl: string;
}

// XML 1.0 §2.2: no C0 controls but tab, LF, CR; no lone surrogates, no U+FFFE/U+FFFF.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlEscape(value: string): string {
  return value.replace(NOT_XML, "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An RFC 3339 date-time (§3.3 of RFC 4287) from a date or date-time; the fallback when unparseable. */
function rfc3339(value: string | null, fallback: string): string {
  const parsed =
    value === null
      ? Number.NaN
      : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return new Date(Number.isNaN(parsed) ? Date.parse(fallback) : parsed).toISOString();
}

export function atomFeed(data: FeedData, lang: Lang = "ar"): string {
  const t = SITE_STRINGS[lang];
  const base = data.baseUrl.replace(/\/$/, "");
  const p = data.publisher;
  const hrefs = publisherHrefs(p.id);
  const name = publisherName(p, lang);
  const updated = data.entries
    .map((e) => e.updated)
    .concat(p.createdAt ? [p.createdAt] : [])
    .sort()
    .at(-1);
  const x = xmlEscape;
  const entry = (e: FeedEntry) => {
    const links = statementHrefs(e.id);
    const title = e.current.title ?? e.filename ?? t.untitled;
    const published = rfc3339(e.current.publishedAt, e.receivedAt);
    return `  <entry>
    <id>${x(`${base}${links.page}`)}</id>
    <title type="text"${e.current.language ? ` xml:lang="${x(e.current.language)}"` : ""}>${x(title)}</title>
    <published>${published}</published>
    <updated>${rfc3339(e.updated, e.receivedAt)}</updated>
    <link rel="alternate" type="text/html" href="${x(`${base}${links.page}`)}"/>
    <link rel="enclosure" type="${x(e.original.mediaType)}" length="${e.original.size}" href="${x(`${base}${links.original}`)}"/>
    <summary type="text">${x(`${name} — ${title}${e.superseded ? ` (${t.supersededMark})` : ""} — SHA-256 ${e.original.sha256}`)}</summary>
  </entry>`;
  };
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
  <id>${x(`${base}${hrefs.page}`)}</id>
  <title type="text">${x(name)}</title>
  <subtitle type="text">${x(t.feedSubtitle.replace("{name}", name))}</subtitle>
  <updated>${rfc3339(updated ?? null, "1970-01-01T00:00:00Z")}</updated>
  <link rel="self" type="application/atom+xml" href="${x(`${base}${hrefs.feed}`)}"/>
  <link rel="alternate" type="text/html" href="${x(`${base}${hrefs.page}`)}"/>
  <author>
    <name>${x(name)}</name>${safeUri(p.url) ? `\n    <uri>${x(safeUri(p.url)!)}</uri>` : ""}
  </author>
  <generator>isnad</generator>
${data.entries.map(entry).join("\n")}
</feed>
`;
}

function safeUri(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
  } catch {
    return null;
  }
}

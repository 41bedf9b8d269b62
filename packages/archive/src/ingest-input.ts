/**
 * What a publisher sends with a document, checked before anything is stored. Field syntax is
 * validated here (not only in the HTTP layer) because the CLI and the seed loader call the use
 * case directly.
 */
import { ArchiveError } from "./errors";
import { isStatementId } from "./statement-record";

export { cleanMediaType, mediaTypeEssence, MAX_MEDIA_TYPE_LENGTH } from "./media-type";

export interface StatementFields {
  title?: string | null;
  language?: string | null;
  publishedAt?: string | null;
  sourceUrl?: string | null;
  supersedes?: string | null;
  translationOf?: string | null;
}

export interface CleanFields {
  title: string | null;
  language: string | null;
  publishedAt: string | null;
  sourceUrl: string | null;
  supersedes: string | null;
  translationOf: string | null;
}

export const LIMITS = {
  titleLength: 500,
  sourceUrlLength: 2048,
  filenameLength: 255,
} as const;

// BCP 47 in the shape people use (RFC 5646 §2.1 simplified): "ar", "en-GB", "ar-Latn-SY".
const LANGUAGE = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8}){0,3}$/;
// RFC 3339 date or date-time.
const DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
// C0/C1 controls and the bidi overrides that can disguise text (Trojan Source, CVE-2021-42574).
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// A lone surrogate is no character at all (JSON's "\ud800" makes one): it cannot be encoded as
// UTF-8, so the signed record would say something else than what was sent.
export const LONE_SURROGATE = /\p{Cs}/u;

function bad(field: string, message: string): ArchiveError {
  return new ArchiveError("BAD_REQUEST", `${field}: ${message}`, { details: { field } });
}

function optional(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

export function cleanFields(fields: StatementFields): CleanFields {
  const title = optional(fields.title);
  if (title !== null) {
    if (UNSAFE_CHARS.test(title)) throw bad("title", "control and bidi-override characters are not allowed");
    if (LONE_SURROGATE.test(title)) throw bad("title", "not valid Unicode (a lone surrogate)");
    if (title.length > LIMITS.titleLength) throw bad("title", `at most ${LIMITS.titleLength} characters`);
  }
  const language = optional(fields.language);
  if (language !== null && !LANGUAGE.test(language)) {
    throw bad("language", "a BCP 47 language tag such as 'ar', 'en' or 'fr-CA'");
  }
  const publishedAt = optional(fields.publishedAt);
  if (publishedAt !== null && (!DATE.test(publishedAt) || Number.isNaN(Date.parse(publishedAt)))) {
    throw bad("publishedAt", "an RFC 3339 date or date-time such as '2024-05-01' or '2024-05-01T10:00:00Z'");
  }
  const sourceUrl = optional(fields.sourceUrl);
  if (sourceUrl !== null) checkSourceUrl(sourceUrl);
  const supersedes = optional(fields.supersedes);
  if (supersedes !== null && !isStatementId(supersedes))
    throw bad("supersedes", "a statement id (32 hex digits)");
  const translationOf = optional(fields.translationOf);
  if (translationOf !== null && !isStatementId(translationOf)) {
    throw bad("translationOf", "a statement id (32 hex digits)");
  }
  return {
    title,
    language: language && language.toLowerCase(),
    publishedAt,
    sourceUrl,
    supersedes,
    translationOf,
  };
}

/** sourceUrl is recorded, never fetched: it only has to be an absolute http(s) URL. */
function checkSourceUrl(value: string): void {
  if (value.length > LIMITS.sourceUrlLength)
    throw bad("sourceUrl", `at most ${LIMITS.sourceUrlLength} characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad("sourceUrl", "not an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw bad("sourceUrl", "only http and https URLs");
  if (url.username || url.password) throw bad("sourceUrl", "URLs with credentials are not accepted");
}

/**
 * The client's file name, reduced to a safe base name: no directories (../, C:\), no controls or
 * bidi overrides, at most 255 characters. It is only a label; storage keys never use it.
 */
export function cleanFilename(name: string | null | undefined): string | null {
  if (!name) return null;
  if (LONE_SURROGATE.test(name)) throw bad("filename", "not valid Unicode (a lone surrogate)");
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(new RegExp(UNSAFE_CHARS.source, "g"), "").trim();
  if (cleaned === "" || cleaned === "." || cleaned === "..") return null;
  return cleaned.slice(0, LIMITS.filenameLength);
}

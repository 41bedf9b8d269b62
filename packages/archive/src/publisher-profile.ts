/**
 * What the archive says about a publisher to readers: a display name in the forms people read
 * (Arabic and Latin at least, `names` keyed by BCP 47 tag), a default `name`, and optionally the
 * web domain and URL it is known by. Checked here, not only in the CLI, because every change is
 * a signed log entry: what goes into the log must already be clean.
 */
import { ArchiveError } from "./errors";

/** Display names by language tag, e.g. `{ar: "وزارة الخارجية", en: "Ministry of Foreign Affairs"}`. */
export type PublisherNames = Readonly<Record<string, string>>;

/** The publisher as every statement view and verify result names it. */
export interface PublisherSummary {
  id: string;
  /** The default display name (what to show when no name in the reader's language exists). */
  name: string;
  names: PublisherNames;
  domain?: string;
  url?: string;
}

/** What `create` and `update` accept; in `update`, absent members stay, null removes domain/url. */
export interface PublisherProfileInput {
  name?: string | null;
  names?: Record<string, string | null | undefined>;
  domain?: string | null;
  url?: string | null;
}

export interface PublisherProfile {
  name: string;
  names: PublisherNames;
  domain: string | null;
  url: string | null;
}

const MAX_NAME = 200;
const MAX_NAMES = 12;
const LANGUAGE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8}){0,3}$/;
// A DNS name of at least two labels (RFC 1035 §2.3.1 letters, digits, inner hyphens), lowercase.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
// C0/C1 controls and the bidi overrides that can disguise a name (as for titles, ingest-input.ts).
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function bad(field: string, message: string): ArchiveError {
  return new ArchiveError("BAD_REQUEST", `${field}: ${message}`, { details: { field } });
}

function cleanName(field: string, value: string): string {
  const trimmed = value.normalize("NFC").trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME) throw bad(field, `1–${MAX_NAME} characters`);
  if (UNSAFE_CHARS.test(trimmed)) throw bad(field, "control and bidi-override characters are not allowed");
  return trimmed;
}

function cleanDomain(value: string): string {
  const domain = value.trim().toLowerCase().replace(/\.$/, "");
  if (!DOMAIN.test(domain))
    throw bad("domain", "a domain name such as 'mofa.gov.example' (no scheme, no path)");
  return domain;
}

function cleanUrl(value: string): string {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw bad("url", "not an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw bad("url", "only http and https URLs");
  if (url.username || url.password) throw bad("url", "URLs with credentials are not accepted");
  if (trimmed.length > 2048) throw bad("url", "at most 2048 characters");
  return url.href;
}

/**
 * The profile after applying `input` to `current` (undefined for a new publisher). The default
 * name is the one given, else the English, else the Arabic, else the first name in `names`.
 */
export function mergeProfile(
  current: PublisherProfile | undefined,
  input: PublisherProfileInput,
): PublisherProfile {
  const names: Record<string, string> = { ...current?.names };
  for (const [tag, value] of Object.entries(input.names ?? {})) {
    const lang = tag.toLowerCase();
    if (!LANGUAGE.test(lang)) throw bad("names", `'${tag}' is not a language tag such as 'ar' or 'en'`);
    if (value === null || value === undefined || value.trim() === "") delete names[lang];
    else names[lang] = cleanName(`names.${lang}`, value);
  }
  if (Object.keys(names).length > MAX_NAMES) throw bad("names", `at most ${MAX_NAMES} languages`);
  const given = input.name === undefined || input.name === null ? undefined : cleanName("name", input.name);
  const name = given ?? current?.name ?? names.en ?? names.ar ?? Object.values(names)[0];
  if (name === undefined) throw bad("name", "a publisher needs a name (e.g. --name-ar or --name-en)");
  const pick = (
    value: string | null | undefined,
    was: string | null | undefined,
    clean: (v: string) => string,
  ) => (value === undefined ? (was ?? null) : value === null || value.trim() === "" ? null : clean(value));
  return {
    name,
    names,
    domain: pick(input.domain, current?.domain, cleanDomain),
    url: pick(input.url, current?.url, cleanUrl),
  };
}

export function summarize(id: string, profile: PublisherProfile): PublisherSummary {
  return {
    id,
    name: profile.name,
    names: profile.names,
    ...(profile.domain ? { domain: profile.domain } : {}),
    ...(profile.url ? { url: profile.url } : {}),
  };
}

/** The profile stored on a publisher item; items written before names existed have only `name`. */
export function profileOfItem(item: Readonly<Record<string, unknown>>): PublisherProfile {
  const names: Record<string, string> = {};
  if (item.names && typeof item.names === "object") {
    for (const [k, v] of Object.entries(item.names)) if (typeof v === "string") names[k] = v;
  }
  return {
    name: String(item.name),
    names,
    domain: typeof item.domain === "string" ? item.domain : null,
    url: typeof item.url === "string" ? item.url : null,
  };
}

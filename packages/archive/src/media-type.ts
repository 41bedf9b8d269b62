/**
 * The one media-type grammar of every upload path (POST /v1/statements raw and multipart,
 * POST /v1/uploads): RFC 9110 §8.3.1
 *
 *   media-type = type "/" subtype parameters
 *   parameters = *( OWS ";" OWS [ parameter ] )
 *   parameter  = parameter-name "=" ( token / quoted-string )
 *
 * with RFC 9110 §5.6.2 tokens. Parameters are allowed and dropped: what is kept is the lower-case
 * essence, and only as a hint to the sniffer, which records `application/octet-stream` for bytes
 * whose type it cannot confirm (packages/extract/src/sniff-media-type.ts). A value outside the
 * grammar (`<script>…`, "pdf", a CR/LF) is not a media type at all: a 400 naming the field, rather
 * than a silent octet-stream, so that a broken client learns what it sent.
 *
 * Scanned with sticky regexes over disjoint character classes: linear, whatever the input.
 */
import { ArchiveError } from "./errors";

/** RFC 6838 §4.2 caps type and subtype at 127 characters each; parameters make room for more. */
export const MAX_MEDIA_TYPE_LENGTH = 255;

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const OWS = /[ \t]*/y;
// qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text; quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
const QUOTED = /"(?:[\t !#-[\]-~\x80-\xff]|\\[\t -~\x80-\xff])*"/y;

function skip(pattern: RegExp, value: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(value) ? pattern.lastIndex : -1;
}

/** The essence ("type/subtype", lower case) of a media type, or undefined outside the grammar. */
export function mediaTypeEssence(value: string): string | undefined {
  if (value.length > MAX_MEDIA_TYPE_LENGTH) return undefined;
  const typeEnd = skip(TOKEN, value, 0);
  if (typeEnd < 0 || value[typeEnd] !== "/") return undefined;
  const subtypeEnd = skip(TOKEN, value, typeEnd + 1);
  if (subtypeEnd < 0) return undefined;
  let at = subtypeEnd;
  for (;;) {
    at = skip(OWS, value, at);
    if (at === value.length) return value.slice(0, subtypeEnd).toLowerCase();
    if (value[at] !== ";") return undefined;
    at = skip(OWS, value, at + 1);
    if (at === value.length || value[at] === ";") continue; // an empty parameter is allowed
    at = skip(TOKEN, value, at);
    if (at < 0 || value[at] !== "=") return undefined;
    at = value[at + 1] === '"' ? skip(QUOTED, value, at + 1) : skip(TOKEN, value, at + 1);
    if (at < 0) return undefined;
  }
}

/**
 * A client's declared media type, checked: null when absent or blank, its essence when it is one,
 * otherwise BAD_REQUEST naming `field` (the header or form field it came in).
 */
export function cleanMediaType(value: string | null | undefined, field = "mediaType"): string | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  const essence = mediaTypeEssence(trimmed);
  if (essence === undefined) {
    throw new ArchiveError(
      "BAD_REQUEST",
      `${field}: not a media type; send type/subtype such as 'application/pdf' (RFC 9110 §8.3.1)`,
      { details: { field } },
    );
  }
  return essence;
}

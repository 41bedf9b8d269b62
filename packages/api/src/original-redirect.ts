/**
 * Large stored objects are not served through the function: a Lambda function URL buffers at
 * most 6 MB of response body, base64-encoded for binary (about 4.4 MB of document), so above a
 * threshold GET …/original (and …/text, whose extracted text can be as large) answers with a
 * redirect to a short-lived presigned S3 GET.
 *
 * The redirect itself must not outlive the URL it points to: it is `no-store`, so neither
 * CloudFront (whose policies for /original have minTtl 0 and follow the origin) nor a browser
 * keeps it. S3 serves the bytes with the record's media type, file name and immutable caching,
 * signed into the URL as response-header overrides.
 */
import {
  ArchiveError,
  originalKey,
  textKey,
  type ArchiveDeps,
  type SignedStatementRecord,
} from "@isnad/archive";
import { contentDisposition } from "./content-disposition";

/** Default `limits.maxDirectDownloadBytes`: what fits in a function URL response once base64-encoded. */
export const DEFAULT_MAX_DIRECT_DOWNLOAD_BYTES = 4 * 1024 * 1024;
const DOWNLOAD_URL_SECONDS = 5 * 60;
const IMMUTABLE = "public, max-age=31536000, immutable";

/** The redirect for `record`'s original, or undefined when it is served directly. */
export async function originalRedirect(
  archive: ArchiveDeps,
  record: SignedStatementRecord,
): Promise<Response | undefined> {
  const { sha256, size, mediaType, filename } = record.original;
  if (size <= maxDirect(archive)) return undefined;
  return redirect(archive, originalKey(sha256), sha256, `the stored original of statement ${record.id}`, {
    contentType: mediaType,
    contentDisposition: contentDisposition(filename ?? record.id),
  });
}

/** The redirect for `record`'s extracted text, or undefined when it is served directly. */
export async function textRedirect(
  archive: ArchiveDeps,
  record: SignedStatementRecord,
): Promise<Response | undefined> {
  const text = record.text;
  // `length` counts UTF-16 code units, each at most 3 bytes of UTF-8: most texts are known small.
  if (!text?.sha256 || text.length * 3 <= maxDirect(archive) || !archive.presigner) return undefined;
  const head = await archive.objects.head(textKey(text.sha256));
  if (head && head.size <= maxDirect(archive)) return undefined;
  return redirect(archive, textKey(text.sha256), text.sha256, `the stored text of statement ${record.id}`, {
    contentType: "text/plain; charset=utf-8",
  });
}

function maxDirect(archive: ArchiveDeps): number {
  return archive.presigner
    ? (archive.limits.maxDirectDownloadBytes ?? DEFAULT_MAX_DIRECT_DOWNLOAD_BYTES)
    : Number.POSITIVE_INFINITY;
}

async function redirect(
  archive: ArchiveDeps,
  key: string,
  sha256Hex: string,
  what: string,
  overrides: { contentType: string; contentDisposition?: string },
): Promise<Response> {
  // The bytes are not seen here; at least the object must be the one the record names (the
  // SHA-256 recorded when it was stored), so a misplaced object is an error, never a download.
  const head = await archive.objects.head(key);
  if (head?.sha256Hex !== sha256Hex) throw new ArchiveError("INTEGRITY", `${what} does not match its record`);
  const { url } = await archive.presigner!.presignGet(key, {
    expiresInSeconds: DOWNLOAD_URL_SECONDS,
    cacheControl: IMMUTABLE,
    ...overrides,
  });
  return new Response(null, { status: 302, headers: { location: url, "cache-control": "no-store" } });
}

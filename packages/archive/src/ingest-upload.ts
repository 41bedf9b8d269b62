/**
 * Presigned uploads, part 2: archive what the client PUT to `uploads/<id>` (uploads.ts).
 *
 * The declared SHA-256 is never trusted, nor S3's own checksum check (s3rver makes none): the
 * object is streamed back and re-hashed, and bytes that differ from the declaration in hash or
 * size are refused with nothing archived.
 *
 * Write order: ingest.ts's, step for step, and equally safe to retry:
 *   1. the original → `originals/<sha256>`. Up to `maxExtractBytes` the upload is read into memory
 *      and handed to `ingest` itself (text extracted and indexed). Larger ones are streamed into a
 *      multipart copy that is hashed as it goes and completed only if the hash matches; they are
 *      archived without text (status "unsupported"), since extraction needs the whole document in
 *      memory. Memory stays at one 8 MiB part either way.
 *   2.–5. the signed pending record, links, log append and commit: ingest.ts's own functions.
 *   6. the upload item → "completed". A crash before it is harmless: the retry finds the
 *      statement committed and answers with it, as completing twice does.
 */
import { parseHex } from "@isnad/core";
import { ArchiveError } from "./errors";
import { HashingReader } from "./aws/hashing-reader";
import { cleanFields } from "./ingest-input";
import {
  checkLink,
  checkSameMetadata,
  completeStatement,
  ingestOnce,
  originalKey,
  recordPending,
  type IngestResult,
} from "./ingest";
import { readStatement, type ArchiveDeps } from "./archive-deps";
import { statementId, type TextInfo } from "./statement-record";
import { markUploadCompleted, readUpload, uploadObjectKey, type PendingUpload } from "./uploads";
import { withRetry } from "./retry";
import { checkPublisherSignature } from "./publisher-signature";

/** Default `limits.maxExtractBytes`: the largest document read into memory for extraction. */
export const DEFAULT_MAX_EXTRACT_BYTES = 25 * 1024 * 1024;
/** What the media type is sniffed from when a document is too large to extract (plus 4 bytes, so
 * that the sniffer knows the sample was cut and tolerates a split UTF-8 sequence at its end). */
const SNIFF_BYTES = 64 * 1024 + 4;

export interface CompleteUploadRequest {
  publisher: string;
  uploadId: string;
}

export interface CompleteUploadResult extends IngestResult {
  upload: PendingUpload;
  /** Said to the publisher when the statement was archived without extracted text. */
  notice?: string;
}

/** Completes the upload, retrying transient storage failures with backoff, as `ingest` does. */
export function completeUpload(
  deps: ArchiveDeps,
  request: CompleteUploadRequest,
): Promise<CompleteUploadResult> {
  return withRetry(() => completeUploadOnce(deps, request));
}

async function completeUploadOnce(
  deps: ArchiveDeps,
  request: CompleteUploadRequest,
): Promise<CompleteUploadResult> {
  const upload = await readUpload(deps.items, request.publisher, request.uploadId);
  const id = statementId(upload.publisher, upload.sha256);
  const existing = await readStatement(deps.items, id);
  if (existing?.state === "committed") {
    // Completing the same upload twice is fine; another upload of archived bytes must not
    // silently drop its metadata (ingest.ts).
    if (upload.statementId !== id) await checkSameMetadata(deps, existing.record, cleanFields(upload.fields));
    return { created: false, statement: existing, upload: await completed(deps, upload, id) };
  }
  if (existing) {
    // A crash after step 2: the record is fixed; finish it as ingest does.
    const statement = await completeStatement(deps, existing.record);
    return { created: true, statement, upload: await completed(deps, upload, id) };
  }

  const object = await deps.objects.getStream(uploadObjectKey(upload.uploadId));
  if (!object) {
    throw new ArchiveError(
      "CONFLICT",
      `nothing has been uploaded for upload ${upload.uploadId} yet: PUT the document to its presigned URL first`,
    );
  }
  const reader = new HashingReader(object.body);
  try {
    if (object.size !== upload.size) throw mismatch(upload, `${object.size} bytes arrived`);
    const limit = deps.limits.maxExtractBytes ?? DEFAULT_MAX_EXTRACT_BYTES;
    const result =
      upload.size <= limit
        ? await archiveInMemory(deps, upload, reader)
        : await archiveStreamed(deps, upload, reader, limit);
    return { ...result, upload: await completed(deps, upload, result.statement.record.id) };
  } finally {
    await reader.cancel();
  }
}

/** Small enough to extract: verified in memory, then exactly a direct upload's ingest. */
async function archiveInMemory(
  deps: ArchiveDeps,
  upload: PendingUpload,
  reader: HashingReader,
): Promise<IngestResult> {
  const body = await reader.readAll();
  checkArrived(upload, reader);
  // The direct-upload limit guards request bodies; this body came from the bucket, already bounded.
  const limits = { ...deps.limits, maxUploadBytes: Math.max(deps.limits.maxUploadBytes, body.length) };
  return ingestOnce(
    { ...deps, limits },
    {
      publisher: upload.publisher,
      body,
      declaredMediaType: upload.mediaType,
      filename: upload.filename,
      fields: upload.fields,
      signature: upload.signature ?? null,
    },
  );
}

async function archiveStreamed(
  deps: ArchiveDeps,
  upload: PendingUpload,
  reader: HashingReader,
  limit: number,
): Promise<Omit<CompleteUploadResult, "upload">> {
  const { publisher, fields } = upload;
  await checkLink(deps, publisher, fields.supersedes, "supersede");
  await checkLink(deps, publisher, fields.translationOf, "link a translation to");
  // Checked again on completion, against the keys trusted now, before anything is stored.
  const publisherSignature = upload.signature
    ? await checkPublisherSignature(deps.publisherKeys, {
        publisher,
        sha256: upload.sha256,
        fields,
        signature: upload.signature,
        at: deps.clock.now().toISOString(),
      })
    : undefined;
  // The extractor decides media types from bytes; a prefix is all it reads for that (without
  // extracting when it can say so: a worker would parse a cut-off document for nothing).
  const prefix = await reader.peek(SNIFF_BYTES);
  const mediaType =
    deps.extractor.sniffMediaType?.(prefix, upload.mediaType, upload.filename) ??
    (await deps.extractor.extract(prefix, upload.mediaType, upload.filename)).mediaType;

  try {
    await deps.objects.putImmutableStream(originalKey(upload.sha256), reader.chunks(), {
      contentType: mediaType,
      sha256: parseHex(upload.sha256, 32),
    });
  } catch (error) {
    // The store refuses a body that does not hash to the declared SHA-256 (INTEGRITY, a storage
    // error); here the body is the client's upload, so say so.
    if (reader.ended) checkArrived(upload, reader);
    throw error;
  }
  // "exists" (the same bytes were archived before): the store did not read them, so hash them here.
  await reader.drain();
  checkArrived(upload, reader);

  const text: TextInfo = { status: "unsupported", sha256: null, length: 0, fingerprint: null };
  const id = statementId(publisher, upload.sha256);
  const original = { sha256: upload.sha256, size: upload.size, mediaType, filename: upload.filename };
  const { record } = await recordPending(deps, {
    id,
    publisher,
    fields,
    original,
    text,
    ...(publisherSignature ? { publisherSignature } : {}),
  });
  return {
    created: true,
    statement: await completeStatement(deps, record),
    notice:
      `the document is larger than ${limit} bytes, so its text was not extracted: ` +
      "it can be verified by file or SHA-256, not by quoting it",
  };
}

function checkArrived(upload: PendingUpload, reader: HashingReader): void {
  if (reader.bytesRead !== upload.size) throw mismatch(upload, `${reader.bytesRead} bytes arrived`);
  if (reader.sha256Hex !== upload.sha256) throw mismatch(upload, `they hash to ${reader.sha256Hex}`);
}

function mismatch(upload: PendingUpload, what: string): ArchiveError {
  return new ArchiveError(
    "BAD_REQUEST",
    `the uploaded bytes do not match the declared sha256 and size (${what}); nothing was archived`,
    { details: { uploadId: upload.uploadId, declaredSha256: upload.sha256, declaredSize: upload.size } },
  );
}

async function completed(deps: ArchiveDeps, upload: PendingUpload, id: string): Promise<PendingUpload> {
  if (upload.state !== "completed") await markUploadCompleted(deps.items, upload, id);
  return { ...upload, state: "completed", statementId: id };
}

/**
 * Presigned uploads, part 1: a publisher declares a document (its SHA-256, size and statement
 * fields) and receives a presigned PUT for `uploads/<id>`; the declaration is kept as the item
 * `upload#<id>`. Part 2 (ingest-upload.ts) re-hashes what arrived and archives it.
 *
 * Nothing here is archived yet: an upload that is never completed leaves an item and an object
 * under uploads/ that nothing refers to (the bucket's lifecycle expires the object).
 */
import { formatHex, parseHex } from "@isnad/core";
import { ArchiveError } from "./errors";
import { checkLink, checkSameMetadata } from "./ingest";
import { readStatement } from "./archive-deps";
import { statementId } from "./statement-record";
import { checkNotSuperseded } from "./supersession";
import { cleanFields, cleanFilename, type CleanFields, type StatementFields } from "./ingest-input";
import { cleanMediaType } from "./media-type";
import type { ArchiveDeps } from "./archive-deps";
import type { Item, ItemStore } from "./ports";
import type { ObjectPresigner, PresignedRequest } from "./object-presigner";
import { checkPublisherSignature, signedTooLate } from "./publisher-signature";

/** S3 takes at most 5 GiB in one PUT (S3 User Guide, "Uploading objects"). */
export const MAX_PRESIGNED_UPLOAD_BYTES = 5 * 1024 ** 3;
/** Enough to start a large upload on a slow link; S3 checks expiry when a request starts. */
export const UPLOAD_URL_SECONDS = 15 * 60;

export const uploadItemKey = (uploadId: string) => ({ pk: `upload#${uploadId}`, sk: "upload" });
export const uploadObjectKey = (uploadId: string) => `uploads/${uploadId}`;

export interface UploadRequest {
  /** The authenticated publisher (never taken from the request body). */
  publisher: string;
  /** Lowercase or uppercase hex SHA-256 of the document the client will PUT. */
  sha256: string;
  size: number;
  mediaType?: string | null;
  filename?: string | null;
  fields: StatementFields;
  /** The publisher's signature (publisher-signature.ts), checked now and again on completion. */
  signature?: string | null;
}

export interface PendingUpload {
  uploadId: string;
  publisher: string;
  sha256: string;
  size: number;
  mediaType: string | null;
  filename: string | null;
  fields: CleanFields;
  createdAt: string;
  expiresAt: string;
  state: "pending" | "completed";
  /** Set once completed. */
  statementId?: string;
  /** The publisher's signature as sent, when one was. */
  signature?: string;
}

export interface StartedUpload extends PresignedRequest {
  uploadId: string;
}

export async function startUpload(deps: ArchiveDeps, request: UploadRequest): Promise<StartedUpload> {
  const presigner = requirePresigner(deps);
  const fields = cleanFields(request.fields);
  const filename = cleanFilename(request.filename);
  const digest = parseSha256(request.sha256);
  const size = request.size;
  if (!Number.isSafeInteger(size) || size < 1) {
    throw new ArchiveError("BAD_REQUEST", "size: the document's length in bytes, at least 1", {
      details: { field: "size" },
    });
  }
  if (size > MAX_PRESIGNED_UPLOAD_BYTES) {
    throw new ArchiveError("TOO_LARGE", `the document is larger than ${MAX_PRESIGNED_UPLOAD_BYTES} bytes`, {
      details: { maxBytes: MAX_PRESIGNED_UPLOAD_BYTES },
    });
  }
  const mediaType = cleanMediaType(request.mediaType);
  // Checked now so that nobody uploads a gigabyte to learn of a typo; checked again on completion.
  await checkLink(deps, request.publisher, fields.supersedes, "supersede");
  await checkLink(deps, request.publisher, fields.translationOf, "link a translation to");
  // The same bytes archived already with other metadata: the 409 now, not after the upload.
  const archived = await readStatement(deps.items, statementId(request.publisher, digest));
  if (request.signature) {
    await checkPublisherSignature(deps.publisherKeys, {
      publisher: request.publisher,
      sha256: digest,
      fields,
      signature: request.signature,
      at: deps.clock.now().toISOString(),
    });
    if (archived?.state === "committed" && !archived.record.publisherSignature)
      throw signedTooLate(archived.record.id);
  }
  if (archived?.state === "committed") await checkSameMetadata(deps, archived.record, fields);
  if (fields.supersedes)
    await checkNotSuperseded(deps.items, fields.supersedes, statementId(request.publisher, digest));

  const uploadId = formatHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
  const presigned = await presigner.presignPut(uploadObjectKey(uploadId), {
    sha256: parseHex(digest, 32),
    contentType: mediaType ?? "application/octet-stream",
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  const upload: PendingUpload = {
    uploadId,
    publisher: request.publisher,
    sha256: digest,
    size,
    mediaType,
    filename,
    fields,
    createdAt: deps.clock.now().toISOString(),
    expiresAt: presigned.expiresAt.toISOString(),
    state: "pending",
    ...(request.signature ? { signature: request.signature } : {}),
  };
  if (!(await deps.items.putIfAbsent({ ...uploadItemKey(uploadId), ...toItemValues(upload) }))) {
    throw new ArchiveError("UNAVAILABLE", "upload id collision; retry", { details: { retryable: true } });
  }
  return { uploadId, ...presigned };
}

/** The publisher's own upload, or NOT_FOUND (another publisher's uploads are not revealed). */
export async function readUpload(
  items: ItemStore,
  publisher: string,
  uploadId: string,
): Promise<PendingUpload> {
  const key = uploadItemKey(uploadId);
  const item = /^[0-9a-f]{32}$/.test(uploadId) ? await items.get(key.pk, key.sk) : undefined;
  if (!item || item.publisher !== publisher) {
    throw new ArchiveError("NOT_FOUND", `no upload ${uploadId} for this publisher`);
  }
  return parseUploadItem(item);
}

export async function markUploadCompleted(
  items: ItemStore,
  upload: PendingUpload,
  statementId: string,
): Promise<void> {
  const done: PendingUpload = { ...upload, state: "completed", statementId };
  await items.put({ ...uploadItemKey(upload.uploadId), ...toItemValues(done) });
}

export function requirePresigner(deps: ArchiveDeps): ObjectPresigner {
  if (!deps.presigner) throw new ArchiveError("NOT_FOUND", "presigned uploads are not enabled here");
  return deps.presigner;
}

function parseSha256(value: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(value)) {
    throw new ArchiveError("BAD_REQUEST", "sha256: 64 hexadecimal digits", { details: { field: "sha256" } });
  }
  return value.toLowerCase();
}

function toItemValues(upload: PendingUpload): Omit<Item, "pk" | "sk"> {
  const { statementId, fields, ...rest } = upload;
  return { ...rest, fields: { ...fields }, ...(statementId ? { statementId } : {}) };
}

function parseUploadItem(item: Item): PendingUpload {
  const { uploadId, publisher, sha256, size, mediaType, filename, fields, createdAt, expiresAt, state } =
    item;
  const text = (v: unknown): v is string => typeof v === "string";
  const orNull = (v: unknown): v is string | null => v === null || typeof v === "string";
  if (
    !text(uploadId) ||
    !text(publisher) ||
    !text(sha256) ||
    typeof size !== "number" ||
    !orNull(mediaType) ||
    !orNull(filename) ||
    typeof fields !== "object" ||
    fields === null ||
    !text(createdAt) ||
    !text(expiresAt) ||
    (state !== "pending" && state !== "completed")
  ) {
    throw new ArchiveError("INTEGRITY", `upload item ${item.pk} is malformed`);
  }
  return {
    uploadId,
    publisher,
    sha256,
    size,
    mediaType,
    filename,
    fields: cleanFields(fields as StatementFields),
    createdAt,
    expiresAt,
    state,
    ...(text(item.statementId) ? { statementId: item.statementId } : {}),
    ...(text(item.signature) ? { signature: item.signature } : {}),
  };
}

/**
 * Multipart upload of a stream too large to buffer, written directly on the S3 API
 * (CreateMultipartUpload / UploadPart / CompleteMultipartUpload) because @aws-sdk/lib-storage is
 * not a dependency. Parts are uploaded one at a time, so memory stays at one part.
 *
 * The stream is hashed while it is uploaded and the upload is completed only if the whole body
 * hashes to the SHA-256 the caller declared: a body that differs from what the record says is
 * never stored (S3 additionally checks each part's x-amz-checksum-sha256; s3rver does not).
 * Completion is conditional (`If-None-Match: *`), like a single PutObject.
 *
 * On failure the upload is aborted on a best-effort basis: s3rver has no AbortMultipartUpload,
 * and on S3 a lifecycle rule (AbortIncompleteMultipartUpload) must clean up what an abort missed.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from "@aws-sdk/client-s3";
import { concatBytes, createSha256, equalBytes, formatBase64, sha256 } from "@isnad/core";
import { ArchiveError } from "../errors";
import { httpStatusOf, toArchiveError } from "./aws-errors";

export interface MultipartRequest {
  bucket: string;
  key: string;
  body: AsyncIterable<Uint8Array>;
  /** At least 5 MiB (S3's minimum for every part but the last). */
  partSize: number;
  contentType: string;
  metadata: Record<string, string>;
  sha256: Uint8Array;
}

export type MultipartResult =
  /** The body ended before one part was full: nothing was uploaded, here it is. */
  | { kind: "small"; body: Uint8Array }
  | { kind: "created" }
  /** CompleteMultipartUpload answered 412: someone else created the key meanwhile. */
  | { kind: "precondition-failed" };

export async function uploadMultipart(client: S3Client, request: MultipartRequest): Promise<MultipartResult> {
  const chunks = new PartBuffer(request.partSize);
  const iterator = request.body[Symbol.asyncIterator]();
  // Fill the first part before starting an upload: most bodies are small.
  let done = await fill(iterator, chunks);
  if (done && chunks.size < request.partSize) {
    return { kind: "small", body: chunks.take() };
  }

  const where = `s3://${request.bucket}/${request.key}`;
  const uploadId = await startUpload(client, request, where);
  const hash = createSha256();
  const parts: CompletedPart[] = [];
  try {
    for (;;) {
      if (chunks.size > 0) {
        const part = chunks.take();
        hash.update(part);
        parts.push(await uploadPart(client, request, uploadId, parts.length + 1, part, where));
      }
      if (done) break;
      done = await fill(iterator, chunks);
    }
    if (!equalBytes(hash.digest(), request.sha256)) {
      throw new ArchiveError(
        "INTEGRITY",
        `the body for ${request.key} does not match the SHA-256 it came with`,
      );
    }
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: request.bucket,
        Key: request.key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
        IfNoneMatch: "*",
      }),
    );
    return { kind: "created" };
  } catch (error) {
    if (!done) await iterator.return?.().catch(() => undefined);
    await abort(client, request, uploadId);
    if (httpStatusOf(error) === 412) return { kind: "precondition-failed" };
    throw toArchiveError(error, `S3 multipart upload ${where}`);
  }
}

/** Reads chunks until a part is full or the stream ends; true when it ended. */
async function fill(iterator: AsyncIterator<Uint8Array>, buffer: PartBuffer): Promise<boolean> {
  while (buffer.size < buffer.partSize) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await iterator.next();
    } catch (cause) {
      // The body comes from the client (an upload cut short), not from S3.
      throw new ArchiveError("BAD_REQUEST", "the body could not be read to its end", { cause });
    }
    if (next.done) return true;
    buffer.push(next.value);
  }
  return false;
}

async function startUpload(client: S3Client, request: MultipartRequest, where: string): Promise<string> {
  try {
    const output = await client.send(
      new CreateMultipartUploadCommand({
        Bucket: request.bucket,
        Key: request.key,
        ContentType: request.contentType,
        Metadata: request.metadata,
        // Makes S3 require and verify a SHA-256 for every part.
        ChecksumAlgorithm: "SHA256",
      }),
    );
    if (output.UploadId === undefined) throw new Error("no UploadId in the response");
    return output.UploadId;
  } catch (error) {
    throw toArchiveError(error, `S3 CreateMultipartUpload ${where}`);
  }
}

async function uploadPart(
  client: S3Client,
  request: MultipartRequest,
  uploadId: string,
  partNumber: number,
  body: Uint8Array,
  where: string,
): Promise<CompletedPart> {
  const checksum = formatBase64(sha256(body));
  try {
    const output = await client.send(
      new UploadPartCommand({
        Bucket: request.bucket,
        Key: request.key,
        UploadId: uploadId,
        PartNumber: partNumber,
        Body: body,
        ChecksumSHA256: checksum,
      }),
    );
    return { PartNumber: partNumber, ETag: output.ETag, ChecksumSHA256: checksum };
  } catch (error) {
    throw toArchiveError(error, `S3 UploadPart ${partNumber} of ${where}`);
  }
}

async function abort(client: S3Client, request: MultipartRequest, uploadId: string): Promise<void> {
  try {
    await client.send(
      new AbortMultipartUploadCommand({ Bucket: request.bucket, Key: request.key, UploadId: uploadId }),
    );
  } catch {
    // Best effort (see the top of the file); the original failure is what the caller needs.
  }
}

/** Collects chunks of a stream into parts without copying until a part is taken. */
class PartBuffer {
  private chunks: Uint8Array[] = [];
  size = 0;

  constructor(readonly partSize: number) {}

  push(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  take(): Uint8Array {
    const bytes = this.chunks.length === 1 ? this.chunks[0]! : concatBytes(...this.chunks);
    this.chunks = [];
    this.size = 0;
    return bytes;
  }
}

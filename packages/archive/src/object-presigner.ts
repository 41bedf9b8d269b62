/**
 * The presigning port: short-lived URLs that let a client move bytes to or from the object store
 * without passing them through the service. Large uploads need it because a Lambda function URL
 * buffers at most 6 MB of request or response body (Lambda Developer Guide, "Lambda quotas").
 * Production adapter: s3-presigner.ts (the same code presigns for s3rver locally).
 */

export interface PresignedRequest {
  url: string;
  method: "PUT" | "GET";
  /** Headers the client must send exactly as given (some of them are signed). */
  headers: Record<string, string>;
  /** After this instant the URL no longer starts a request. */
  expiresAt: Date;
}

export interface PresignPutOptions {
  /**
   * SHA-256 of the only body the URL may carry: it is signed into the request as the
   * `x-amz-checksum-sha256` header, so S3 refuses any other bytes. (Emulators do not check it:
   * the service re-hashes what arrives in any case.)
   */
  sha256: Uint8Array;
  contentType: string;
  expiresInSeconds: number;
}

export interface PresignGetOptions {
  expiresInSeconds: number;
  /** Response header overrides (S3's response-content-type etc.), signed into the URL. */
  contentType?: string;
  contentDisposition?: string;
  cacheControl?: string;
}

export interface ObjectPresigner {
  presignPut(key: string, options: PresignPutOptions): Promise<PresignedRequest>;
  presignGet(key: string, options: PresignGetOptions): Promise<PresignedRequest>;
}

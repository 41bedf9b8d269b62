/**
 * The one error class of the archive's use cases and adapters. The API maps `code` to an HTTP
 * status and an RFC 9457 problem type (packages/api), so a code is a promise to clients: add,
 * never rename. `cause` keeps the underlying SDK or core error for logs, never for responses.
 */
export type ArchiveErrorCode =
  | "BAD_REQUEST" // input that does not parse or violates a documented limit
  | "UNAUTHORIZED" // no or unknown publisher key
  | "FORBIDDEN" // a valid key acting on another publisher's statement
  | "NOT_FOUND"
  | "CONFLICT" // a write lost a race or contradicts what is stored (e.g. different bytes, same key)
  | "TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "UNAVAILABLE" // a dependency (S3, DynamoDB) failed in a way worth retrying
  | "INTEGRITY"; // stored data does not match its hash or signature: tampering or corruption

export class ArchiveError extends Error {
  override readonly name = "ArchiveError";
  readonly code: ArchiveErrorCode;
  /** Extra machine-readable members for the problem document (never secrets). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ArchiveErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

export function isArchiveError(e: unknown, code?: ArchiveErrorCode): e is ArchiveError {
  return e instanceof ArchiveError && (code === undefined || e.code === code);
}

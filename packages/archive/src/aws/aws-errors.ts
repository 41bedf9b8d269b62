/**
 * Maps AWS SDK v3 failures onto ArchiveError so that no raw SDK error leaves an adapter (the API
 * must not depend on SDK classes, and their messages are not written for our clients). The
 * original error stays available as `cause` for logs.
 *
 * Expected outcomes (ConditionalCheckFailedException, 404 NoSuchKey, 412 PreconditionFailed) are
 * handled by the adapters before they get here; what reaches this function is a failure.
 */
import { ArchiveError } from "../errors";

/**
 * Error names the SDK's own retry strategy treats as throttling or transient (see
 * @smithy/service-error-classification), plus S3's 409 ConditionalRequestConflict, which AWS says
 * to retry. After the SDK's retries are exhausted they still mean "try again later".
 */
const TRANSIENT_NAMES = new Set([
  "BandwidthLimitExceeded",
  "ConditionalRequestConflict",
  "EC2ThrottledException",
  "InternalError",
  "InternalServerError",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "RequestTimeout",
  "RequestTimeoutException",
  "ServiceUnavailable",
  "SlowDown",
  "Throttling",
  "ThrottlingException",
  "TimeoutError",
  "TooManyRequestsException",
  "TransactionInProgressException",
]);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $retryable?: unknown;
}

/** The HTTP status of a service error response; undefined when no response arrived. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as SdkErrorShape | null)?.$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

export function errorNameOf(error: unknown): string {
  const name = (error as SdkErrorShape | null)?.name;
  return typeof name === "string" ? name : "UnknownError";
}

/**
 * @param what the operation and its target, for the message, e.g. "S3 PutObject s3://b/k"
 */
export function toArchiveError(error: unknown, what: string): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const name = errorNameOf(error);
  const status = httpStatusOf(error);
  const rawMessage = (error as SdkErrorShape | null)?.message;
  const detail = typeof rawMessage === "string" && rawMessage !== "" ? `${name}: ${rawMessage}` : name;
  const message = `${what} failed: ${detail}`;

  if (isTooLarge(name, detail)) return new ArchiveError("TOO_LARGE", message, { cause: error });
  // No status means no response at all: refused or reset connection, DNS, timeout. Like
  // throttling and 5xx, worth retrying.
  const transient =
    status === undefined ||
    status >= 500 ||
    status === 429 ||
    TRANSIENT_NAMES.has(name) ||
    (error as SdkErrorShape | null)?.$retryable !== undefined;
  // Anything else (missing table or bucket, access denied, a request the service rejects) is a
  // deployment or programming fault: still the dependency "being unavailable" to the caller, but
  // retrying will not help, which `retryable` says.
  return new ArchiveError("UNAVAILABLE", message, { cause: error, details: { retryable: transient } });
}

function isTooLarge(name: string, detail: string): boolean {
  if (name === "EntityTooLarge") return true;
  // DynamoDB's 400 KB item limit arrives as a generic ValidationException.
  return name === "ValidationException" && /item size .*exceeded/i.test(detail);
}

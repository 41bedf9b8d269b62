/**
 * Idempotency-Key on POST /v1/statements (draft-ietf-httpapi-idempotency-key-header): one key names
 * one document of one publisher. The item `idem#<publisher>#<key>` holds the document's SHA-256;
 * the same key with other bytes is a 409.
 *
 * A key is claimed only for a request that passed validation, and a request rejected after its
 * claim (a 4xx: a link to a missing statement, a metadata conflict, a successor already there)
 * gives the key back: a rejected upload must not burn it (issue #13), since the client will fix
 * the request and send it again with the same key. Transient failures (503) keep the claim, so
 * that the retry they ask for finds it and goes on.
 */
import { ArchiveError, isArchiveError, type ArchiveErrorCode } from "./errors";
import { keys } from "./items";
import type { ItemStore } from "./ports";

// Visible ASCII (a header value cannot carry more safely), 1–255 characters.
const KEY_SYNTAX = /^[\x21-\x7e]{1,255}$/;

/** Errors that reject the request itself: the client is told to change it, not to retry it. */
const REJECTIONS: ReadonlySet<ArchiveErrorCode> = new Set([
  "BAD_REQUEST",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
]);

/** The key, checked for syntax before anything is read or written (null when none was sent). */
export function checkIdempotencyKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  if (!KEY_SYNTAX.test(key)) {
    throw new ArchiveError("BAD_REQUEST", "Idempotency-Key: 1–255 visible ASCII characters", {
      details: { field: "Idempotency-Key" },
    });
  }
  return key;
}

/**
 * Runs `work` holding `key` for the document `digest`: CONFLICT when the key names other bytes;
 * when `work` rejects the request, a key claimed by this call is released before the error goes on.
 */
export async function withIdempotencyKey<T>(
  items: ItemStore,
  claim: { publisher: string; key: string | null; digest: string },
  work: () => Promise<T>,
): Promise<T> {
  if (claim.key === null) return work();
  const item = { ...keys.idempotency(claim.publisher, claim.key), sha256: claim.digest };
  const fresh = await items.putIfAbsent(item);
  if (!fresh) {
    const stored = await items.get(item.pk, item.sk);
    if (stored && stored.sha256 !== claim.digest) {
      throw new ArchiveError("CONFLICT", "this Idempotency-Key was used for a different document", {
        details: { field: "Idempotency-Key", idempotencyKey: claim.key },
      });
    }
  }
  try {
    return await work();
  } catch (error) {
    if (fresh && REJECTIONS.has(isArchiveError(error) ? error.code : "INTEGRITY")) {
      await items.delete(item.pk, item.sk);
    }
    throw error;
  }
}

/**
 * Nonces for proof of possession (issue #17): isnad issues one per registration attempt; the
 * publisher signs it with the key it registers. A nonce is bound to the publisher that asked for
 * it, expires after CHALLENGE_TTL_MS and is used at most once: consuming it is a compare-and-swap
 * on the item's version (ports.ts putIfVersion), so two requests racing with one nonce cannot
 * both win.
 *
 * | kind      | pk             | sk        |
 * |-----------|----------------|-----------|
 * | challenge | keypop#<nonce> | challenge |
 */
import { ArchiveError } from "../errors";
import type { Clock } from "../clock";
import type { ItemStore } from "../ports";

export const CHALLENGE_TTL_MS = 10 * 60 * 1000;

const NONCE = /^[A-Za-z0-9_-]{43}$/;
const key = (nonce: string) => ({ pk: `keypop#${nonce}`, sk: "challenge" });

export interface Challenge {
  nonce: string;
  expiresAt: string;
}

const refuse = (message: string) => new ArchiveError("BAD_REQUEST", message, { details: { check: "nonce" } });

export async function issueChallenge(items: ItemStore, clock: Clock, publisher: string): Promise<Challenge> {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const nonce = Buffer.from(bytes).toString("base64url");
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString();
  await items.put({ ...key(nonce), publisher, issuedAt: now.toISOString(), expiresAt, version: 1 });
  return { nonce, expiresAt };
}

/** Checks that `nonce` was issued to `publisher`, is unexpired and unused; does not use it up. */
export async function checkChallenge(items: ItemStore, clock: Clock, publisher: string, nonce: string) {
  const item = NONCE.test(nonce) ? await items.get(key(nonce).pk, key(nonce).sk) : undefined;
  if (!item || item.publisher !== publisher) {
    throw refuse("unknown nonce: ask for one with POST /v1/publishers/{id}/domain-keys/challenge");
  }
  if (item.version !== 1) throw refuse("this nonce was already used; ask for a new one");
  if (String(item.expiresAt) <= clock.now().toISOString())
    throw refuse("this nonce has expired; ask for a new one");
  return item;
}

/** Uses the nonce up; a nonce that another request used first is refused. */
export async function consumeChallenge(
  items: ItemStore,
  clock: Clock,
  publisher: string,
  nonce: string,
): Promise<void> {
  const item = await checkChallenge(items, clock, publisher, nonce);
  const used = await items.putIfVersion({ ...item, usedAt: clock.now().toISOString(), version: 2 }, 1);
  if (!used) throw refuse("this nonce was already used; ask for a new one");
}

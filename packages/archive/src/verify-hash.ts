/**
 * Verify by content: every committed statement whose original has this SHA-256, each with its
 * signature checked against the service's keys, and whether a newer statement superseded it.
 */
import { formatHex, sha256, utf8 } from "@isnad/core";
import { ArchiveError } from "./errors";
import { readContentHolders } from "./content-items";
import { getStatement } from "./provenance";
import { verifyRecordSignature, type SignatureCheck } from "./signing";
import type { SignedStatementRecord } from "./statement-record";
import type { ItemStore } from "./ports";
import { recentStatement, type RecentStatement } from "./verify-recent";
import { WeightedLru } from "./lru";

export interface HashMatch {
  record: SignedStatementRecord;
  /** The exact logged entry and its index, for the inclusion check. */
  entry: string;
  leafIndex?: number;
  signature: SignatureCheck;
  supersededBy: string[];
  /**
   * True for the statement that archived these bytes first (by receivedAt, then log position):
   * the same bytes from two publishers are two statements, and readers must see who had it first.
   */
  archivedFirst: boolean;
}

export function parseSha256Hex(value: string): string {
  const hex = value.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new ArchiveError("BAD_REQUEST", "sha256: 64 hexadecimal digits", { details: { field: "sha256" } });
  }
  return hex;
}

export async function verifyBySha256(
  items: ItemStore,
  sha256Hex: string,
  keyring: ReadonlyMap<string, Uint8Array>,
): Promise<HashMatch[]> {
  const hex = parseSha256Hex(sha256Hex);
  // One GetItem (content-items.ts), made on every request: a statement just archived is found at once.
  const ids = await readContentHolders(items, hex);
  const views = await Promise.all(
    ids.map((id) => {
      // A statement read a moment ago serves again (verify-recent.ts); the lookup above never does.
      return recentStatement(
        items,
        id,
        () =>
          getStatement(items, id).then(
            ({ record, entry, leafIndex, supersededBy }) => ({
              record,
              entry,
              supersededBy,
              ...(leafIndex === undefined ? {} : { leafIndex }),
            }),
            (e: unknown) => {
              if (e instanceof ArchiveError && e.code === "NOT_FOUND") return undefined; // still pending
              throw e;
            },
          ),
        (view) =>
          view.leafIndex !== undefined &&
          view.record.original.sha256 === hex &&
          checkSignature(view.entry, view.record, keyring).valid,
      );
    }),
  );
  // The same statements as last time (the very objects verify-recent.ts keeps, so each sound and
  // read within its window) under the same keys: the same matches, the same array (issue #15).
  const memos = memosOf(items);
  const memo = memos.get(hex);
  if (memo !== undefined && memo.keyring === keyring && sameViews(memo.views, views)) return memo.matches;
  const matches = hashMatches(hex, views, keyring);
  memos.set(
    hex,
    { keyring, views, matches },
    views.reduce((n, view) => n + (view?.entry.length ?? 0), 1),
  );
  return matches;
}

/**
 * The answer last given per content hash, with the statement views it was made of: returned as
 * the same array while those views are the ones verify-recent.ts serves, so a caller may keep
 * what it derived from it (routes/verify.ts keeps the JSON) for as long as they are.
 */
interface HashMemo {
  keyring: ReadonlyMap<string, Uint8Array>;
  views: readonly (RecentStatement | undefined)[];
  matches: HashMatch[];
}
/**
 * Characters of entries the memos may hold (~4 MiB of records), as verify-recent.ts bounds its
 * own: mostly the very views it keeps, but a view read afresh (one that failed a check) is held
 * here alone until its memo goes.
 */
const HASH_MEMO_CHARS = 4 * 1024 * 1024;
const memosByStore = new WeakMap<ItemStore, WeightedLru<string, HashMemo>>();

function memosOf(items: ItemStore): WeightedLru<string, HashMemo> {
  let memos = memosByStore.get(items);
  if (memos === undefined) memosByStore.set(items, (memos = new WeightedLru(HASH_MEMO_CHARS)));
  return memos;
}

function sameViews(a: readonly (RecentStatement | undefined)[], b: readonly (RecentStatement | undefined)[]) {
  return a.length === b.length && a.every((view, i) => view === b[i]);
}

function hashMatches(
  hex: string,
  views: readonly (RecentStatement | undefined)[],
  keyring: ReadonlyMap<string, Uint8Array>,
): HashMatch[] {
  // A record whose content hash differs from the link it was found by was altered in storage.
  return views
    .filter((view) => view !== undefined && view.record.original.sha256 === hex)
    .sort(
      (a, b) =>
        a!.record.receivedAt.localeCompare(b!.record.receivedAt) ||
        (a!.leafIndex ?? Infinity) - (b!.leafIndex ?? Infinity),
    )
    .map((view, i) => ({
      archivedFirst: i === 0,
      record: view!.record,
      entry: view!.entry,
      ...(view!.leafIndex === undefined ? {} : { leafIndex: view!.leafIndex }),
      signature: checkSignature(view!.entry, view!.record, keyring),
      supersededBy: view!.supersededBy,
    }));
}

/**
 * Signature checks already made, by keyring and by SHA-256 of the exact entry (the canonical JSON
 * of the signed record, signature included): the same bytes under the same keys give the same
 * answer, so a file verified again and again costs one Ed25519 verification, not one per request.
 * An entry changed in storage has another hash and is checked afresh. Bounded; oldest out first.
 */
const checkedSignatures = new WeakMap<ReadonlyMap<string, Uint8Array>, Map<string, SignatureCheck>>();
const CHECKED_SIGNATURES = 4096;

function checkSignature(
  entry: string,
  record: SignedStatementRecord,
  keyring: ReadonlyMap<string, Uint8Array>,
): SignatureCheck {
  let checked = checkedSignatures.get(keyring);
  if (checked === undefined) checkedSignatures.set(keyring, (checked = new Map()));
  const key = formatHex(sha256(utf8(entry)));
  const known = checked.get(key);
  if (known !== undefined) return known;
  const result = verifyRecordSignature(record, keyring);
  checked.set(key, result);
  if (checked.size > CHECKED_SIGNATURES) checked.delete(checked.keys().next().value!);
  return result;
}

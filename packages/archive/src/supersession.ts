/**
 * History that cannot fork: a statement is superseded by at most one newer statement, so its
 * chain of versions is a line and "the latest version" is one statement.
 *
 * Without transactions (dynalite has none; DESIGN.md) the rule rests on one item per superseded
 * statement, `successor`, written with single-item conditional writes:
 *   - claim: putIfAbsent names the new statement. The claim is keyed by the new statement's id,
 *     which is derived from its publisher and bytes, so a retry of the same upload finds its own
 *     claim and goes on.
 *   - a claim by another statement that is committed: refused, 409 naming the latest version.
 *   - a claim by another statement that is still pending: refused while its lease runs (the other
 *     upload is in flight); once the lease has run out (the other upload was abandoned) it may be
 *     taken over with a compare-and-swap on the claim's version, so two takers cannot both win.
 *   - before a statement commits, it renews its claim (a compare-and-swap again): a statement
 *     whose claim was taken over never commits. The one window left is a holder that stalls for
 *     longer than the lease between renewing and committing; the lease (2 minutes) is four
 *     times Lambda's 30 s timeout, so that needs a stall no request survives.
 * Statements superseded before this item existed are recognised by their supersededBy# links.
 */
import { ArchiveError } from "./errors";
import { keys, linkedId } from "./items";
import { readStatement, type ArchiveDeps } from "./archive-deps";
import type { ItemStore } from "./ports";

export const SUCCESSION_LEASE_MS = 120_000;

/** Claims (or renews) the right of `newId` to supersede `oldId`; CONFLICT when another has it. */
export async function claimSuccession(deps: ArchiveDeps, oldId: string, newId: string): Promise<void> {
  const key = keys.successor(oldId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = deps.clock.now();
    const held = await deps.items.get(key.pk, key.sk);
    if (!held) {
      const legacy = await committedSuccessors(deps.items, oldId);
      const other = legacy.find((id) => id !== newId);
      if (other) throw await alreadySuperseded(deps.items, oldId, other);
      if (await deps.items.putIfAbsent({ ...key, id: newId, claimedAt: now.toISOString(), version: 1 }))
        return;
      continue;
    }
    const holder = String(held.id);
    const version = Number(held.version);
    if (holder !== newId) {
      const statement = await readStatement(deps.items, holder);
      if (statement?.state === "committed") throw await alreadySuperseded(deps.items, oldId, holder);
      const age = now.getTime() - Date.parse(String(held.claimedAt));
      if (!(age > SUCCESSION_LEASE_MS)) {
        throw new ArchiveError(
          "CONFLICT",
          `statement ${oldId} is being superseded by another upload right now (statement ${holder}); ` +
            "try again in a few minutes",
          { details: { supersedes: oldId, pendingSuccessor: holder } },
        );
      }
    }
    const renewed = { ...key, id: newId, claimedAt: now.toISOString(), version: version + 1 };
    if (await deps.items.putIfVersion(renewed, version)) return;
  }
  throw new ArchiveError("CONFLICT", `statement ${oldId} is being superseded concurrently; try again`);
}

/**
 * Refuses early (without claiming) when `oldId` already has a committed successor other than
 * `newId`: for presigned uploads, so that nobody uploads a gigabyte to learn it; the claim itself
 * is made when the upload completes.
 */
export async function checkNotSuperseded(items: ItemStore, oldId: string, newId: string): Promise<void> {
  const held = await items.get(keys.successor(oldId).pk, keys.successor(oldId).sk);
  const holders = held ? [String(held.id)] : [];
  const candidates = [...holders, ...(await committedSuccessors(items, oldId))].filter((id) => id !== newId);
  for (const id of candidates) {
    if ((await readStatement(items, id))?.state === "committed")
      throw await alreadySuperseded(items, oldId, id);
  }
}

/** The 409 for superseding a statement that already has a newer version. */
export async function alreadySuperseded(
  items: ItemStore,
  oldId: string,
  newerId: string,
): Promise<ArchiveError> {
  const latest = await latestVersion(items, newerId);
  return new ArchiveError(
    "CONFLICT",
    `statement ${oldId} has already been superseded by ${newerId}` +
      (latest === newerId ? "" : `, and that one since by later versions`) +
      `: the latest version is ${latest}. Supersede ${latest} instead (supersedes=${latest}).`,
    {
      details: {
        field: "supersedes",
        supersedes: oldId,
        supersededBy: newerId,
        latest,
        links: { latest: `/v1/statements/${latest}` },
      },
    },
  );
}

/** Follows the successors of `id` to the newest committed version (bounded; safe on cycles). */
export async function latestVersion(items: ItemStore, id: string): Promise<string> {
  return (await laterVersions(items, id)).at(-1) ?? id;
}

/** The committed versions after `id`, oldest first (bounded; safe on cycles). */
export async function laterVersions(items: ItemStore, id: string): Promise<string[]> {
  const seen = new Set([id]);
  const later: string[] = [];
  for (let current = id; later.length < 1000;) {
    const next = (await committedSuccessors(items, current)).find((n) => !seen.has(n));
    if (!next) break;
    seen.add(next);
    later.push(next);
    current = next;
  }
  return later;
}

/** The committed statements linked as superseding `id` (one, unless written before this rule). */
async function committedSuccessors(items: ItemStore, id: string): Promise<string[]> {
  const links = await items.query(keys.statement(id).pk, { skPrefix: "supersededBy#", limit: 100 });
  const ids = links.items.map((l) => linkedId(l.sk));
  if (ids.length === 0) return [];
  const found = await items.batchGet(ids.map((i) => keys.statement(i)));
  return ids.filter((_, i) => found[i]?.state === "committed");
}

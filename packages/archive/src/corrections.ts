/**
 * POST /v1/statements/{id}/corrections as a use case: the publisher changes a statement's
 * metadata with a signed, logged correction (correction-record.ts), never by editing the record.
 *
 * Write order (no transactions; every step idempotent, and any later writer finishes what a
 * crash left, so nothing is lost or applied twice):
 *   1. the correction item, state "pending", signed, at the next free `seq` (putIfAbsent: two
 *      concurrent corrections get two numbers, the loser recomputes against the winner's result).
 *   2. what it implies: a new supersedes link claims the old statement's succession
 *      (supersession.ts; refused → the item becomes "refused", 409), link items, the dated listing.
 *   3. the log append (idempotent by entry), then commit: "pending" → "committed" (compare-and-swap).
 * A correction still pending when the next one arrives is completed first, through step 2.
 */
import { canonicalize } from "@isnad/core";
import { ArchiveError } from "./errors";
import { cleanFields } from "./ingest-input";
import { keys } from "./items";
import { readStatement, type ArchiveDeps } from "./archive-deps";
import { signRecord } from "./signing";
import { claimSuccession, laterVersions } from "./supersession";
import { putDatedListing } from "./dated-listing";
import { checkLink } from "./ingest";
import {
  CORRECTABLE_FIELDS,
  CORRECTION_TYPE,
  currentMetadata,
  type CorrectableField,
  type CorrectionRecord,
  type StatementMetadata,
  type StoredCorrection,
} from "./correction-record";
import type { SignedStatementRecord } from "./statement-record";
import { readCorrections } from "./correction-items";

export interface CorrectionRequest {
  /** The authenticated publisher. */
  publisher: string;
  statement: string;
  /** The fields that change; null (or "") removes title, language, publishedAt or sourceUrl. */
  changes: Partial<Record<CorrectableField, string | null>>;
  reason?: string | null;
}

export interface CorrectionResult {
  /** False when this exact correction was already the latest one (a retried request). */
  created: boolean;
  correction: StoredCorrection;
  /** The statement's metadata after it. */
  current: StatementMetadata;
}

const MAX_REASON = 1000;

export async function correctStatement(
  deps: ArchiveDeps,
  request: CorrectionRequest,
): Promise<CorrectionResult> {
  const statement = await readStatement(deps.items, request.statement);
  if (!statement || statement.state !== "committed") {
    throw new ArchiveError("NOT_FOUND", `no statement with id '${request.statement}'`);
  }
  const { record } = statement;
  if (record.publisher !== request.publisher) {
    throw new ArchiveError("FORBIDDEN", `statement ${record.id} belongs to another publisher`);
  }
  const wanted = cleanChanges(request.changes);
  const reason = cleanReason(request.reason);

  for (let attempt = 0; attempt < 8; attempt++) {
    const all = await readCorrections(deps, record.id);
    for (const pending of all.filter((c) => c.state === "pending")) {
      // Left by a crash or still in flight: finish it first (a refused one stays refused).
      await completeCorrection(deps, record, pending).catch((e: unknown) => {
        if (!(e instanceof ArchiveError && e.code === "CONFLICT")) throw e;
      });
    }
    const corrections = await readCorrections(deps, record.id);
    const current = currentMetadata(record, corrections);
    const changes = effectiveChanges(current, wanted);
    if (Object.keys(changes).length === 0) {
      const last = corrections.filter((c) => c.state === "committed").at(-1);
      if (last && sameValues(last.record.changes, wanted))
        return { created: false, correction: last, current };
      throw new ArchiveError(
        "BAD_REQUEST",
        "the correction changes nothing: the statement already has these values",
      );
    }
    await checkNewLinks(deps, record, current, changes);

    const seq = corrections.reduce((max, c) => Math.max(max, c.record.seq), 0) + 1;
    const unsigned: CorrectionRecord = {
      type: CORRECTION_TYPE,
      statement: record.id,
      publisher: record.publisher,
      seq,
      changes,
      previous: Object.fromEntries(Object.keys(changes).map((f) => [f, current[f as CorrectableField]])),
      reason,
      receivedAt: deps.clock.now().toISOString(),
    };
    const signed = signRecord(unsigned, deps.signer);
    const entry = canonicalize(signed);
    const item = { ...keys.correction(record.id, seq), state: "pending", entry, version: 1 };
    if (!(await deps.items.putIfAbsent(item))) continue; // another correction took this number
    const done = await completeCorrection(deps, record, { state: "pending", record: signed, entry });
    return { created: true, correction: done, current: currentMetadata(record, [...corrections, done]) };
  }
  throw new ArchiveError("CONFLICT", `statement ${record.id} is being corrected concurrently; try again`);
}

/** Steps 2 and 3 for a pending correction (this request's, or one a crash left behind). */
async function completeCorrection(
  deps: ArchiveDeps,
  statement: SignedStatementRecord,
  correction: StoredCorrection,
): Promise<StoredCorrection> {
  const { changes, seq } = correction.record;
  const key = keys.correction(statement.id, seq);
  try {
    if (changes.supersedes) await claimSuccession(deps, changes.supersedes, statement.id);
  } catch (error) {
    if (error instanceof ArchiveError && error.code === "CONFLICT") {
      await deps.items.putIfVersion({ ...key, state: "refused", entry: correction.entry, version: 2 }, 1);
    }
    throw error;
  }
  const links = [];
  if (changes.supersedes) links.push(keys.supersededBy(changes.supersedes, statement.id));
  if (changes.translationOf) links.push(keys.translation(changes.translationOf, statement.id));
  await Promise.all(links.map((link) => deps.items.put({ ...link, publisher: statement.publisher })));

  const logged = deps.log ? await deps.log.append(new TextEncoder().encode(correction.entry)) : undefined;
  const committed = {
    ...key,
    state: "committed",
    entry: correction.entry,
    version: 2,
    ...(logged ? { leafIndex: logged.leafIndex } : {}),
  };
  if (!(await deps.items.putIfVersion(committed, 1))) {
    const now = (await readCorrections(deps, statement.id)).find((c) => c.record.seq === seq);
    if (now?.state !== "committed")
      throw new ArchiveError("CONFLICT", "the correction was refused; try again");
    return now;
  }
  const done: StoredCorrection = {
    state: "committed",
    record: correction.record,
    entry: correction.entry,
    ...(logged ? { leafIndex: logged.leafIndex } : {}),
  };
  if (changes.publishedAt !== undefined) {
    const current = currentMetadata(statement, await readCorrections(deps, statement.id));
    await putDatedListing(deps.items, statement, current.publishedAt);
  }
  return done;
}

/** Each changed field checked as an upload's would be; absent fields are not changes. */
function cleanChanges(input: CorrectionRequest["changes"]): Partial<StatementMetadata> {
  const present = CORRECTABLE_FIELDS.filter((f) => input[f] !== undefined);
  if (present.length === 0) {
    throw new ArchiveError(
      "BAD_REQUEST",
      `a correction names at least one field to change: ${CORRECTABLE_FIELDS.join(", ")}`,
    );
  }
  const cleaned = cleanFields(Object.fromEntries(present.map((f) => [f, input[f] ?? null])));
  const changes: Partial<StatementMetadata> = {};
  for (const f of present) changes[f] = cleaned[f];
  return changes;
}

function cleanReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? "";
  if (trimmed === "") return null;
  if (trimmed.length > MAX_REASON) {
    throw new ArchiveError("BAD_REQUEST", `reason: at most ${MAX_REASON} characters`, {
      details: { field: "reason" },
    });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(trimmed)) {
    throw new ArchiveError("BAD_REQUEST", "reason: control and bidi-override characters are not allowed", {
      details: { field: "reason" },
    });
  }
  return trimmed;
}

function effectiveChanges(
  current: StatementMetadata,
  wanted: Partial<StatementMetadata>,
): Partial<StatementMetadata> {
  return Object.fromEntries(
    Object.entries(wanted).filter(([f, v]) => current[f as CorrectableField] !== v),
  ) as Partial<StatementMetadata>;
}

function sameValues(a: Partial<StatementMetadata>, b: Partial<StatementMetadata>): boolean {
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<CorrectableField>;
  return [...fields].every((f) => a[f] === b[f]);
}

/**
 * The history links may be added, never changed or removed: a statement's place in the chain of
 * versions is what readers rely on, so moving it needs a new version, not a correction.
 */
async function checkNewLinks(
  deps: ArchiveDeps,
  record: SignedStatementRecord,
  current: StatementMetadata,
  changes: Partial<StatementMetadata>,
): Promise<void> {
  for (const field of ["supersedes", "translationOf"] as const) {
    if (changes[field] === undefined) continue;
    if (current[field] !== null || changes[field] === null) {
      throw new ArchiveError(
        "CONFLICT",
        `${field}: a statement's ${field} link can be added by a correction, not changed or removed; ` +
          "archive a new version that supersedes this one instead",
        { details: { field, archived: current[field], sent: changes[field] } },
      );
    }
    const target = changes[field]!;
    if (target === record.id) {
      throw new ArchiveError("BAD_REQUEST", `${field}: a statement cannot link to itself`, {
        details: { field },
      });
    }
    await checkLink(
      deps,
      record.publisher,
      target,
      field === "supersedes" ? "supersede" : "link a translation to",
    );
  }
  if (changes.supersedes && (await laterVersions(deps.items, record.id)).includes(changes.supersedes)) {
    throw new ArchiveError(
      "CONFLICT",
      `supersedes: statement ${changes.supersedes} is a later version of this one; the history cannot loop`,
      { details: { field: "supersedes" } },
    );
  }
}

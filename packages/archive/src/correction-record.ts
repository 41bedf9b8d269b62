/**
 * A correction: the publisher's signed, logged change to the metadata of one of its statements
 * (title, language, publication date, source URL, or a missing supersedes/translationOf link).
 * The statement record itself never changes (it is signed and in the log); readers show the
 * record's fields with the corrections applied in order, and the dated list of corrections.
 * Like the statement record, the canonical JSON of the signed correction is its log entry, so
 * the shape is a public format: fields are added, never renamed, and `type` carries the version.
 */
import { parseJson } from "@isnad/core";
import { ArchiveError } from "./errors";
import type { RecordSignature } from "./statement-record";
import type { StatementRecord } from "./statement-record";

export const CORRECTION_TYPE = "isnad.correction/v1";

export const CORRECTABLE_FIELDS = [
  "title",
  "language",
  "publishedAt",
  "sourceUrl",
  "supersedes",
  "translationOf",
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
export type StatementMetadata = Pick<StatementRecord, CorrectableField>;

export interface CorrectionRecord {
  type: typeof CORRECTION_TYPE;
  /** The statement corrected. */
  statement: string;
  publisher: string;
  /** 1 for the statement's first correction, then 2, 3 … (gaps where one was refused). */
  seq: number;
  /** The new values (null: the field is removed). */
  changes: Partial<StatementMetadata>;
  /** The values they replace, as they were just before. */
  previous: Partial<StatementMetadata>;
  /** The publisher's note on why, if given. */
  reason: string | null;
  /** When isnad received the correction (ISO 8601 UTC, the service's clock). */
  receivedAt: string;
}

export type SignedCorrection = CorrectionRecord & { signature: RecordSignature };

export interface StoredCorrection {
  state: "pending" | "committed" | "refused";
  record: SignedCorrection;
  /** The exact canonical JSON that was signed and logged. */
  entry: string;
  leafIndex?: number;
}

export function parseCorrectionItem(item: Readonly<Record<string, unknown>>): StoredCorrection {
  const { state, entry } = item;
  if ((state !== "pending" && state !== "committed" && state !== "refused") || typeof entry !== "string") {
    throw new ArchiveError("INTEGRITY", `correction item ${String(item.pk)} ${String(item.sk)} is malformed`);
  }
  let record: SignedCorrection;
  try {
    record = parseJson(entry) as SignedCorrection;
  } catch (cause) {
    throw new ArchiveError(
      "INTEGRITY",
      `correction item ${String(item.pk)} holds an entry that is not JSON`,
      {
        cause,
      },
    );
  }
  return typeof item.leafIndex === "number"
    ? { state, entry, record, leafIndex: item.leafIndex }
    : { state, entry, record };
}

/** The statement's metadata with its committed corrections applied, oldest first. */
export function currentMetadata(
  record: StatementMetadata,
  corrections: readonly Pick<StoredCorrection, "state" | "record">[],
): StatementMetadata {
  const current: StatementMetadata = {
    title: record.title,
    language: record.language,
    publishedAt: record.publishedAt,
    sourceUrl: record.sourceUrl,
    supersedes: record.supersedes,
    translationOf: record.translationOf,
  };
  const ordered = corrections
    .filter((c) => c.state === "committed")
    .sort((a, b) => a.record.seq - b.record.seq);
  for (const { record: correction } of ordered) {
    for (const field of CORRECTABLE_FIELDS) {
      const value = correction.changes[field];
      if (value !== undefined) current[field] = value;
    }
  }
  return current;
}

export interface FieldDifference {
  field: CorrectableField;
  /** The value the archive holds now (after corrections). */
  archived: string | null;
  /** The value this request sent. */
  sent: string | null;
}

/**
 * Where a re-upload's fields differ from what is archived. Only fields the request sets count:
 * leaving a field out of a re-upload is not a claim that it is empty.
 */
export function metadataDifferences(archived: StatementMetadata, sent: StatementMetadata): FieldDifference[] {
  return CORRECTABLE_FIELDS.filter((f) => sent[f] !== null && sent[f] !== archived[f]).map((field) => ({
    field,
    archived: archived[field],
    sent: sent[field],
  }));
}

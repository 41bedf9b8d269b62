/**
 * Ingest: archive one document for one publisher.
 *
 * Write order (crash-safe without transactions; every step is idempotent, so a retry of the same
 * upload re-runs the same steps and completes whatever a crash left undone):
 *   1. the original and its extracted text (and a PDF's page starts, text-pages.ts) → S3,
 *      content-addressed, create-if-absent.
 *      A crash here leaves only unreferenced objects: invisible, and reused by the retry.
 *   2. the statement item with state "pending" and the signed entry → DynamoDB, putIfAbsent.
 *      From here on the record is fixed (receivedAt, signature): a retry resumes it, never re-signs.
 *      An upload with no links and no Idempotency-Key reads nothing before step 1: this put is
 *      what finds the statement when it exists already (then it continues as a re-upload).
 *   3. link items (by content, superseded-by, translation, the dated listing) in one batch, beside
 *      it the statement's id added to its content's holders (content-items.ts, one conditional put),
 *      and the quote index → DynamoDB; for a long text, instead of the index, a marker saying it is
 *      pending (pending-index.ts): it is written after the commit, from that marker.
 *      Readers reach statements only through the statement item, and skip pending ones.
 *      A statement that supersedes another claims (or renews) its succession first
 *      (supersession.ts), so that a history never forks: the claim is also made before step 1,
 *      to refuse early, and renewed here so that a taken-over claim never commits.
 *   4. the log append (when a log is configured): idempotent by entry. It runs beside step 3:
 *      the entry is fixed since step 2, and a crash between them leaves what a crash between 4
 *      and 5 always left, a logged entry whose statement a retry commits.
 *   5. commit: the statement item → state "committed" (compare-and-swap on its version), which
 *      also puts it into the publisher's listing index. Only now is it visible anywhere.
 *   6. a long text's index: handed to deps.indexQueue, which writes it and removes the marker.
 * ingest-upload.ts runs the same steps, in the same order, for presigned uploads (step 1 streamed).
 *
 * The same bytes again from the same publisher are the same statement (its id is derived from
 * both): with the same fields, or none, that is a 200; with fields that differ from what is
 * archived (corrections included), a 409 that names the differences and the correction to send.
 */
import { canonicalize, formatHex, sha256 } from "@isnad/core";
import { ArchiveError } from "./errors";
import {
  cleanFields,
  cleanFilename,
  cleanMediaType,
  type CleanFields,
  type StatementFields,
} from "./ingest-input";
import { keys, publisherListing } from "./items";
import { signRecord } from "./signing";
import {
  STATEMENT_TYPE,
  statementId,
  type OriginalInfo,
  type PublisherSignature,
  type SignedStatementRecord,
  type StatementRecord,
  type TextInfo,
} from "./statement-record";
import { readStatement, type ArchiveDeps, type StoredStatement } from "./archive-deps";
import { withRetry } from "./retry";
import { claimSuccession } from "./supersession";
import { checkIdempotencyKey, withIdempotencyKey } from "./idempotency-key";
import { datedListingItem, putDatedListing } from "./dated-listing";
import { defersIndex, indexPendingItem } from "./pending-index";
import type { Item } from "./ports";
import {
  currentMetadata,
  metadataDifferences,
  type FieldDifference,
  type StatementMetadata,
} from "./correction-record";
import { readCorrections } from "./correction-items";
import { storeTextPages } from "./text-pages";
import { readText, storeText } from "./stored-text";
import { forgetStatement } from "./verify-recent";
import { addContentHolder } from "./content-items";
import { checkPublisherSignature, signedTooLate } from "./publisher-signature";

export interface IngestRequest {
  /** The authenticated publisher (never taken from the request body). */
  publisher: string;
  body: Uint8Array;
  declaredMediaType: string | null;
  filename: string | null;
  fields: StatementFields;
  idempotencyKey?: string | null;
  /** The publisher's signature over the statement (publisher-signature.ts), as sent; optional. */
  signature?: string | null;
  /**
   * A publisher signature the caller verified already, kept as is: a SCITT Signed Statement's
   * own ("cose-sign1", api scitt-registration.ts), whose bytes are the document.
   */
  checkedSignature?: PublisherSignature;
}

export interface IngestResult {
  /** True when this call archived the statement; false when it was archived already. */
  created: boolean;
  statement: StoredStatement;
}

export const originalKey = (sha256Hex: string) => `originals/${sha256Hex}`;

/**
 * Archives the document, retrying transient storage failures with backoff (retry.ts): each step
 * above is idempotent, so an attempt resumes whatever the failed one left.
 */
export function ingest(deps: ArchiveDeps, request: IngestRequest): Promise<IngestResult> {
  return withRetry(() => ingestOnce(deps, request));
}

/** One attempt of `ingest` (for callers that retry around it themselves). */
export async function ingestOnce(deps: ArchiveDeps, request: IngestRequest): Promise<IngestResult> {
  const fields = cleanFields(request.fields);
  const filename = cleanFilename(request.filename);
  const idempotencyKey = checkIdempotencyKey(request.idempotencyKey);
  // The HTTP layer checked it already, naming its header or part; the CLI and seeds come here directly.
  const declaredMediaType = cleanMediaType(request.declaredMediaType);
  const { body, publisher } = request;
  if (body.length === 0) throw new ArchiveError("BAD_REQUEST", "the document is empty (0 bytes)");
  if (body.length > deps.limits.maxUploadBytes) throw tooLarge(deps.limits.maxUploadBytes);

  const digest = formatHex(sha256(body));
  const id = statementId(publisher, digest);
  // The key is claimed once the request is known to be acceptable (idempotency-key.ts).
  const claimed = <T>(work: () => Promise<T>) =>
    withIdempotencyKey(deps.items, { publisher, key: idempotencyKey, digest }, work);

  // Checked before anything is stored: a refused signature archives nothing.
  const publisherSignature = request.signature
    ? await checkPublisherSignature(deps.publisherKeys, {
        publisher,
        sha256: digest,
        fields,
        signature: request.signature,
        at: deps.clock.now().toISOString(),
      })
    : request.checkedSignature;

  const archive = () =>
    archiveNew(deps, { ...request, declaredMediaType, filename, fields, id, digest, publisherSignature });

  // No links or key: step 2 finds an archived statement (its step 1 redone writes nothing new).
  const plain = !fields.supersedes && !fields.translationOf && idempotencyKey === null;
  const fresh = plain ? await archive() : undefined;
  const existing = plain ? fresh!.existing : await readStatement(deps.items, id);
  if (existing?.state === "committed") {
    // A Signed Statement registered before records named its signer stays as it was logged.
    if (request.signature && !existing.record.publisherSignature) throw signedTooLate(id);
    const current = await checkSameMetadata(deps, existing.record, fields);
    await ensureDatedListing(deps, existing.record, current.publishedAt);
    return claimed(async () => ({ created: false, statement: existing }));
  }

  if (existing) {
    return claimed(async () => {
      const statement = await completeStatement(deps, existing.record);
      await checkSameMetadata(deps, statement.record, fields);
      return { created: true, statement };
    });
  }
  if (fresh) return { created: true, statement: await completeStatement(deps, fresh.record, fresh.text) };
  await checkLink(deps, publisher, fields.supersedes, "supersede");
  await checkLink(deps, publisher, fields.translationOf, "link a translation to");
  if (fields.supersedes) await claimSuccession(deps, fields.supersedes, id);
  return claimed(async () => {
    const made = await archive();
    return { created: true, statement: await completeStatement(deps, made.record, made.text) };
  });
}

/**
 * Steps 1–2 for bytes not archived yet (their links checked and the succession claimed), or not
 * known to be: `existing` is the statement when step 2 found it there.
 */
async function archiveNew(
  deps: ArchiveDeps,
  input: Omit<IngestRequest, "fields"> & {
    fields: ReturnType<typeof cleanFields>;
    id: string;
    digest: string;
    publisherSignature: PublisherSignature | undefined;
  },
): Promise<{ record: SignedStatementRecord; text?: string; existing?: StoredStatement }> {
  const { fields, publisher } = input;
  const extracted = await deps.extractor.extract(input.body, input.declaredMediaType, input.filename);
  const [, text] = await Promise.all([
    deps.objects.putImmutable(originalKey(input.digest), input.body, {
      contentType: extracted.mediaType,
      sha256: sha256(input.body),
    }),
    storeText(deps, extracted),
  ]);
  // Beside the text, before the record (step 1): where each page of a PDF begins (text-pages.ts).
  if (text.sha256 && extracted.pageStarts?.length) {
    await storeTextPages(deps.objects, input.digest, text.sha256, extracted.pageStarts);
  }

  const { record, fresh, existing } = await recordPending(deps, {
    id: input.id,
    publisher,
    fields,
    original: {
      sha256: input.digest,
      size: input.body.length,
      mediaType: extracted.mediaType,
      filename: input.filename,
    },
    text,
    ...(input.publisherSignature ? { publisherSignature: input.publisherSignature } : {}),
  });
  return fresh ? { record, text: extracted.text } : { record, existing };
}

/** What step 2 signs: everything but the service's clock reading and signature. */
export interface NewStatement {
  id: string;
  publisher: string;
  fields: CleanFields;
  original: OriginalInfo;
  text: TextInfo | null;
  /** Checked already (publisher-signature.ts). */
  publisherSignature?: PublisherSignature;
}

/**
 * Step 2: signs the record and writes it as the pending statement item. `fresh` is false when
 * the statement exists already (archived before, or by a concurrent request): the caller
 * continues with its record, `existing` as stored (pending or committed).
 */
export async function recordPending(
  deps: ArchiveDeps,
  statement: NewStatement,
): Promise<{ record: SignedStatementRecord; fresh: boolean; existing?: StoredStatement }> {
  const unsigned: StatementRecord = {
    type: STATEMENT_TYPE,
    id: statement.id,
    publisher: statement.publisher,
    ...statement.fields,
    receivedAt: deps.clock.now().toISOString(),
    original: statement.original,
    text: statement.text,
    ...(statement.publisherSignature ? { publisherSignature: statement.publisherSignature } : {}),
  };
  const record = signRecord(unsigned, deps.signer);
  const pending = {
    ...keys.statement(statement.id),
    state: "pending",
    entry: canonicalize(record),
    version: 1,
  };
  if (await deps.items.putIfAbsent(pending)) return { record, fresh: true };
  const raced = await readStatement(deps.items, statement.id);
  if (!raced) throw new ArchiveError("UNAVAILABLE", "the statement vanished during ingest; retry");
  return { record: raced.record, fresh: false, existing: raced };
}

/** Steps 3–6; `text` is the extracted text when this call extracted it (else it is re-read). */
export async function completeStatement(
  deps: ArchiveDeps,
  record: SignedStatementRecord,
  text?: string,
): Promise<StoredStatement> {
  const { id } = record;
  if (record.supersedes) await claimSuccession(deps, record.supersedes, id);
  const later = defersIndex(deps, record);
  const links: Item[] = [
    { ...keys.byContent(record.original.sha256, id), publisher: record.publisher },
    datedListingItem(record, record.publishedAt),
  ];
  if (record.supersedes)
    links.push({ ...keys.supersededBy(record.supersedes, id), publisher: record.publisher });
  if (record.translationOf)
    links.push({ ...keys.translation(record.translationOf, id), publisher: record.publisher });
  if (later) links.push(indexPendingItem(record, deps.clock.now().toISOString()));
  const indexNow = async (textSha256: string) =>
    deps.indexText!(record, text ?? (await readText(deps, textSha256, id)));

  const entry = canonicalize(record);
  const [logged] = await Promise.all([
    deps.log?.append(new TextEncoder().encode(entry)),
    // Unconditional, idempotent puts: a batch is all a retry needs (ports.ts putMany).
    deps.items.putMany(links),
    addContentHolder(deps.items, record.original.sha256, id), // one GetItem for verify by hash
    !later && deps.indexText && record.text?.sha256 ? indexNow(record.text.sha256) : undefined,
  ]);
  const committed = {
    ...keys.statement(id),
    state: "committed",
    entry,
    version: 2,
    gsi1pk: publisherListing(record.publisher),
    gsi1sk: `${record.receivedAt}#${id}`,
    ...(logged ? { leafIndex: logged.leafIndex } : {}),
  };
  const won = await deps.items.putIfVersion(committed, 1);
  // Verify by hash in this process must not go on showing the older statement unsuperseded.
  if (record.supersedes) forgetStatement(deps.items, record.supersedes);
  // Step 6, after the answer; the marker is durable, so a lost hint only waits for a sweep.
  // The text this call extracted goes along, so the queue need not read it back from S3.
  if (later) deps.indexQueue!.enqueue(id, text === undefined ? undefined : { record, text });
  if (!won) {
    // Only a concurrent completion of the same pending statement can win this race.
    const now = await readStatement(deps.items, id);
    if (now?.state !== "committed")
      throw new ArchiveError("UNAVAILABLE", "the statement could not be committed; retry");
    return now;
  }
  return { state: "committed", record, entry, ...(logged ? { leafIndex: logged.leafIndex } : {}) };
}

/** The statement `target` that a new one supersedes or translates must be the publisher's own. */
export async function checkLink(
  deps: ArchiveDeps,
  publisher: string,
  target: string | null,
  verb: string,
): Promise<void> {
  if (target === null) return;
  const linked = await readStatement(deps.items, target);
  if (!linked || linked.state !== "committed") {
    throw new ArchiveError("BAD_REQUEST", `cannot ${verb} statement ${target}: no such statement`);
  }
  if (linked.record.publisher !== publisher) {
    throw new ArchiveError(
      "FORBIDDEN",
      `cannot ${verb} statement ${target}: it belongs to another publisher`,
    );
  }
}

/**
 * A re-upload of archived bytes must not silently keep other fields than it sends (issue #14):
 * CONFLICT naming each difference and the correction that would make it.
 */
export async function checkSameMetadata(
  deps: ArchiveDeps,
  record: SignedStatementRecord,
  sent: CleanFields,
): Promise<StatementMetadata> {
  const current = currentMetadata(record, await readCorrections(deps, record.id));
  const differences = metadataDifferences(current, sent);
  if (differences.length === 0) return current;
  throw sameBytesConflict(record.id, differences);
}

/**
 * Statements archived before the dated listing existed get their item when their bytes are
 * archived again (the local runner re-archives the seeds on every start): one GetItem, and a
 * put only when it is missing.
 */
async function ensureDatedListing(
  deps: ArchiveDeps,
  record: SignedStatementRecord,
  publishedAt: string | null,
): Promise<void> {
  const key = keys.dated(record.id);
  if (!(await deps.items.get(key.pk, key.sk))) await putDatedListing(deps.items, record, publishedAt);
}

function sameBytesConflict(id: string, differences: FieldDifference[]): ArchiveError {
  const href = `/v1/statements/${id}/corrections`;
  const correctable = differences.filter((d) => !isFixedLink(d));
  const fixed = differences.filter(isFixedLink);
  const changes = Object.fromEntries(correctable.map((d) => [d.field, d.sent]));
  const said = differences
    .map(
      (d) =>
        `${d.field} is ${JSON.stringify(d.archived)} in the archive, ${JSON.stringify(d.sent)} in this upload`,
    )
    .join("; ");
  const how = [
    correctable.length > 0
      ? `to change ${correctable.map((d) => d.field).join(", ")}, send a correction: POST ${href} with ${JSON.stringify(changes)}`
      : "",
    fixed.length > 0
      ? `${fixed.map((d) => d.field).join(" and ")} cannot be changed once set: archive a new version instead`
      : "",
  ].filter(Boolean);
  return new ArchiveError(
    "CONFLICT",
    `these bytes are archived already as statement ${id}, with other metadata (${said}). ` +
      `The archive keeps what it recorded; ${how.join("; ")}.`,
    {
      details: {
        statement: id,
        differences,
        ...(correctable.length > 0 ? { correction: { method: "POST", href, body: changes } } : {}),
        links: { statement: `/v1/statements/${id}`, corrections: href },
      },
    },
  );
}

/** A supersedes or translationOf link, once set, is part of the history (corrections.ts). */
function isFixedLink(d: FieldDifference): boolean {
  return (d.field === "supersedes" || d.field === "translationOf") && d.archived !== null;
}

function tooLarge(max: number): ArchiveError {
  return new ArchiveError(
    "TOO_LARGE",
    `the document is larger than ${max} bytes; upload large documents with POST /v1/uploads (a presigned upload)`,
    { details: { maxBytes: max } },
  );
}

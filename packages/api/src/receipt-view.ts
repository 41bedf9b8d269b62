/**
 * Receipts and inclusion checks as responses, beside views.ts: the answer to an upload (the
 * statement, its links and its offline receipt; DESIGN.md "Receipt"), GET …/receipt, and the
 * inclusion check of verify results. Routes import this module; it imports no route.
 */
import { formatReceipt, formatReceiptTlogProof, utf8, type Receipt } from "@isnad/core";
import {
  ArchiveError,
  checkInclusion,
  freshView,
  getStatement,
  type InclusionCheck,
  type LogReader,
  type StoredStatement,
} from "@isnad/archive";
import { COSE_MEDIA_TYPE, signCoseReceipt, type ReceiptKey } from "@isnad/cose";
import type { ApiDeps } from "./deps";
import { statementViewJson } from "./views";
import { receiptWitnessHint } from "./witness-hint";

/** A receipt names the current checkpoint, which moves on: cache it briefly. */
const SHORT = "public, max-age=5";

/** Whether the client asked for the C2SP tlog-proof text form of a receipt. */
export function wantsTlogProof(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/x\.tlog-proof\s*(;|,|$)/i.test(accept);
}

/** Whether the client asked for the COSE receipt (RFC 9942; media type per RFC 9052 §9.1). */
export function wantsCose(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*application\/cose\s*(;|,|$)/i.test(accept);
}

/** Anything logged: a statement record or a correction, with the exact entry and its index. */
export interface Logged {
  entry: string;
  leafIndex?: number;
  /** What it is, for the 404 when it has no receipt yet (e.g. "statement 0a1b…"). */
  what: string;
}

export function loggedStatement(statement: Pick<StoredStatement, "entry" | "leafIndex" | "record">): Logged {
  return {
    entry: statement.entry,
    ...(statement.leafIndex === undefined ? {} : { leafIndex: statement.leafIndex }),
    what: `statement ${statement.record.id}`,
  };
}

/**
 * The receipt of a logged entry. With the log's witness policy, it also carries the unsigned
 * `witnesses` hint: how many policy witnesses cosigned its checkpoint, counted from verified
 * cosignature lines (witness-hint.ts); readers recompute it.
 */
export async function receiptOf(log: LogReader, logged: Logged, witnessPolicy?: string): Promise<Receipt> {
  if (logged.leafIndex === undefined)
    throw new ArchiveError("NOT_FOUND", `${logged.what} has no log receipt`);
  const receipt = await log.receipt(logged.leafIndex, utf8(logged.entry));
  const witnesses = receiptWitnessHint(receipt.checkpoint, witnessPolicy);
  return witnesses ? { ...receipt, witnesses } : receipt;
}

/**
 * The answer to an upload: the statement view, its links, and its offline receipt (DESIGN.md).
 * `created`: this request committed it, so its view is known without reading it back (freshView).
 */
export async function archivedJson(
  deps: Pick<ApiDeps, "log" | "archive" | "publishers" | "witnessPolicy">,
  statement: StoredStatement,
  created = false,
) {
  // The append has already been integrated, so the receipt is there right away.
  const [receipt, view] = await Promise.all([
    statement.leafIndex === undefined
      ? null
      : receiptOf(deps.log.reader, loggedStatement(statement), deps.witnessPolicy).then(formatReceipt),
    created ? freshView(deps.archive, statement) : getStatement(deps.archive.items, statement.record.id),
  ]);
  return { ...(await statementViewJson(deps, view)), receipt };
}

/**
 * GET …/receipt: JSON, tlog-proof@v1 text on Accept: text/x.tlog-proof, or the COSE receipt
 * (RFC 9942, signed with `coseKey`) on Accept: application/cose. The JSON carries the witness
 * hint when `witnessPolicy` (the text /v1/policy serves) names witnesses.
 */
export async function receiptResponse(
  log: LogReader,
  logged: Logged,
  accept: string | undefined,
  coseKey?: ReceiptKey,
  witnessPolicy?: string,
): Promise<Response> {
  const receipt = await receiptOf(log, logged, witnessPolicy);
  if (wantsCose(accept)) {
    if (!coseKey) throw new ArchiveError("UNAVAILABLE", "this server has no COSE receipt key");
    return new Response(await signCoseReceipt(receipt, coseKey), {
      headers: {
        "content-type": `${COSE_MEDIA_TYPE}; cose-type="cose-sign1"`,
        "cache-control": SHORT,
        vary: "accept",
      },
    });
  }
  if (wantsTlogProof(accept)) {
    return new Response(formatReceiptTlogProof(receipt), {
      headers: { "content-type": "text/x.tlog-proof; charset=utf-8", "cache-control": SHORT, vary: "accept" },
    });
  }
  return Response.json(formatReceipt(receipt), { headers: { "cache-control": SHORT, vary: "accept" } });
}

/**
 * For the verify results: whether the statement's inclusion in the current checkpoint was
 * checked — `{checked: true, leafIndex, treeSize}` or `{checked: false, reason}`.
 */
export function inclusionOf(
  deps: Pick<ApiDeps, "log">,
  statement: Pick<StoredStatement, "entry" | "leafIndex">,
): Promise<InclusionCheck> {
  return checkInclusion(deps.log.reader, statement);
}

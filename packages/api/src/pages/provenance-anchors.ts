/**
 * What the provenance page may say about witnesses and trusted time (issue #16), verified here
 * first: the receipt the log builds for the record now, its checkpoint's cosignatures opened
 * under the log's witness policy (witness-hint.ts, core's summarizeWitnesses), and each RFC 3161
 * token it carries checked by @isnad/timestamp over SHA-256 of the checkpoint body against the
 * TSA roots the deployment pins (ApiDeps.tsaRoots). What fails or cannot be checked is left
 * unsaid; a token without pinned roots is never shown.
 */
import { checkpointBody, type LogReader, type StatementView } from "@isnad/archive";
import { utf8, type Receipt } from "@isnad/core";
import type { AnchorsInfo } from "@isnad/web";
import type { ApiDeps } from "../deps";
import { verifiedWitnesses } from "../witness-hint";

export async function provenanceAnchors(
  deps: Pick<ApiDeps, "log" | "witnessPolicy" | "tsaRoots">,
  view: Pick<StatementView, "entry" | "leafIndex">,
): Promise<AnchorsInfo | undefined> {
  const receipt = await currentReceipt(deps.log.reader, view);
  if (receipt === undefined) return undefined;
  const summary = verifiedWitnesses(receipt.checkpoint, deps.witnessPolicy);
  return {
    witnesses:
      summary === null
        ? null
        : {
            names: [...summary.names],
            cosigned: summary.cosigned,
            configured: summary.configured,
            required: summary.required,
            satisfied: summary.satisfied,
          },
    timestamps: await verifiedTimestamps(receipt, deps.tsaRoots ?? []),
  };
}

/** The record's receipt against the current checkpoint; undefined when it has none (yet). */
async function currentReceipt(
  log: LogReader,
  view: Pick<StatementView, "entry" | "leafIndex">,
): Promise<Receipt | undefined> {
  if (view.leafIndex === undefined) return undefined;
  try {
    return await log.receipt(view.leafIndex, utf8(view.entry));
  } catch {
    return undefined; // the proofs section already says why inclusion was not checked
  }
}

async function verifiedTimestamps(
  receipt: Receipt,
  roots: readonly string[],
): Promise<AnchorsInfo["timestamps"]> {
  if (roots.length === 0 || !receipt.timestamps?.length) return [];
  const data = utf8(checkpointBody(receipt.checkpoint));
  // Loaded when a receipt carries tokens (pkijs is a third of the Lambda bundle; issue #15).
  const { verifyTimestampToken } = await import("@isnad/timestamp");
  const checked = await Promise.all(
    receipt.timestamps.map(async ({ token }) => {
      try {
        const v = await verifyTimestampToken(token, data, { roots });
        return { tsa: v.tsa, genTime: v.genTime.toISOString() };
      } catch {
        return null;
      }
    }),
  );
  return checked.filter((c) => c !== null);
}

/**
 * The `witnesses` hint of a receipt (issue #16): the server opens the checkpoint under its own
 * policy (the text /v1/policy serves), verifies each policy witness's cosignature line and counts
 * those that verify. The hint is unsigned, so readers recompute it (core's summarizeWitnesses);
 * the server still never counts a line it has not verified.
 */
import {
  parseWitnessPolicy,
  summarizeWitnesses,
  witnessHint,
  type WitnessHint,
  type WitnessPolicy,
  type WitnessSummary,
} from "@isnad/core";

/** Policies by text and summaries by checkpoint text: a head serves many receipts, verified once. */
const policies = new Map<string, WitnessPolicy | null>();
const summaries = new Map<string, WitnessSummary | null>();
const KEEP = 8;

function remember<T>(map: Map<string, T>, key: string, value: T): T {
  map.set(key, value);
  if (map.size > KEEP) map.delete(map.keys().next().value!);
  return value;
}

function policyOf(text: string): WitnessPolicy | null {
  if (policies.has(text)) return policies.get(text)!;
  let policy: WitnessPolicy | null;
  try {
    policy = parseWitnessPolicy(text);
  } catch {
    policy = null; // checked at start (log-anchors-env.ts); a hint is never worth an error
  }
  return remember(policies, text, policy);
}

/**
 * The checkpoint's verified witness summary under the policy, or null: no policy, a policy that
 * names no witness, or a checkpoint that fails it (not signed by a policy log, or a cosignature
 * by a policy witness that does not verify — then the receipt says nothing rather than a count).
 */
export function verifiedWitnesses(checkpoint: string, policyText: string | undefined): WitnessSummary | null {
  if (policyText === undefined) return null;
  const policy = policyOf(policyText);
  if (policy === null || policy.witnesses.length === 0) return null;
  const key = `${policyText}\n\n${checkpoint}`;
  if (summaries.has(key)) return summaries.get(key)!;
  let summary: WitnessSummary | null;
  try {
    summary = summarizeWitnesses(checkpoint, policy);
  } catch {
    summary = null;
  }
  return remember(summaries, key, summary);
}

export function receiptWitnessHint(
  checkpoint: string,
  policyText: string | undefined,
): WitnessHint | undefined {
  const summary = verifiedWitnesses(checkpoint, policyText);
  return summary === null ? undefined : witnessHint(summary);
}

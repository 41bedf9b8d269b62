/**
 * How many of a policy's witnesses cosigned a checkpoint, in the words a receipt carries and a
 * reader prints: "witnessed by A, B (2 of 2; the policy requires 2)" (issue #16).
 *
 * A receipt's `witnesses` member is a hint for humans and for tools that hold no policy: it is
 * not signed by anyone, so a verifier never believes it. It recomputes the summary from the
 * checkpoint's cosignature lines under a policy it trusts (summarizeWitnesses, which verifies
 * every line through checkWitnessQuorum) and compares (compareWitnessHint).
 */
import { IsnadError } from "./errors";
import { checkWitnessQuorum, type WitnessPolicy } from "./tlog-policy";

export interface WitnessSummary {
  /** How many witnesses the policy names. */
  readonly configured: number;
  /** The fewest cosignatures that can meet the policy's quorum (0 for "quorum none"). */
  readonly required: number;
  /** How many of them cosigned, each verified (never read from an unsigned field). */
  readonly cosigned: number;
  /** Their names as the policy gives them, in policy order. */
  readonly names: readonly string[];
  /** Whether the quorum is met. */
  readonly satisfied: boolean;
}

/**
 * The fewest witnesses whose cosignatures can satisfy `name`: a witness is 1, a group the sum of
 * its `threshold` cheapest members. Exact when no witness sits in two branches of the quorum
 * (every policy isnad writes); otherwise an upper bound, which only makes the text cautious.
 */
export function requiredWitnesses(policy: WitnessPolicy): number {
  const groups = new Map(policy.groups.map((g) => [g.name, g]));
  // Groups refer only to names defined before them (parseWitnessPolicy), so this terminates.
  const cost = (name: string): number => {
    const group = groups.get(name);
    if (group === undefined) return 1;
    const costs = group.members.map(cost).sort((a, b) => a - b);
    return costs.slice(0, group.threshold).reduce((sum, c) => sum + c, 0);
  };
  return policy.quorum === undefined ? 0 : cost(policy.quorum);
}

/**
 * Verifies the checkpoint's cosignatures under `policy` and counts them. Throws as
 * checkWitnessQuorum does (a checkpoint no policy log signed, or a failing cosignature by a
 * policy witness); a missed quorum is reported in `satisfied`, not thrown.
 */
export function summarizeWitnesses(note: string | Uint8Array, policy: WitnessPolicy): WitnessSummary {
  const result = checkWitnessQuorum(note, policy);
  return {
    configured: result.witnessCount,
    required: requiredWitnesses(policy),
    cosigned: result.cosigned.length,
    names: result.cosigned.map((c) => c.name),
    satisfied: result.satisfied,
  };
}

/** "witnessed by A, B (2 of 2; the policy requires 2)", or "witnessed by none (0 of 2; …)". */
export function formatWitnessSummary(summary: WitnessSummary): string {
  const names = summary.names.length > 0 ? summary.names.join(", ") : "none";
  const required =
    summary.required === 0 ? "the policy requires none" : `the policy requires ${summary.required}`;
  return `witnessed by ${names} (${summary.cosigned} of ${summary.configured}; ${required})`;
}

/** The unsigned hint of a receipt (ReceiptJson.witnesses). */
export interface WitnessHint {
  readonly configured: number;
  readonly required: number;
  readonly cosigned: number;
  readonly names: readonly string[];
}

/** At most this many names in a hint: far above any real policy, bounds a hostile receipt. */
export const MAX_HINT_WITNESSES = 64;

/** The hint a receipt carries for a summary (no `satisfied`: readers judge that themselves). */
export function witnessHint(summary: WitnessSummary): WitnessHint {
  const { configured, required, cosigned, names } = summary;
  return { configured, required, cosigned, names: [...names] };
}

/**
 * Why a receipt's unsigned hint disagrees with what was verified, or undefined when it agrees.
 * A hint claiming witnesses that did not verify is a receipt that overstates itself.
 */
export function compareWitnessHint(hint: WitnessHint, verified: WitnessSummary): string | undefined {
  const claimed = hint.names.filter((n) => !verified.names.includes(n));
  if (claimed.length > 0) {
    return `the receipt claims cosignatures by ${claimed.join(", ")} that do not verify under the policy`;
  }
  if (hint.cosigned > verified.cosigned) {
    return `the receipt claims ${hint.cosigned} cosignatures; ${verified.cosigned} verify under the policy`;
  }
  return undefined;
}

/** Parses a hint strictly (integers, a bounded list of names). Throws INVALID_RECEIPT. */
export function parseWitnessHint(value: unknown): WitnessHint {
  const bad = (why: string): never => {
    throw new IsnadError("INVALID_RECEIPT", `invalid receipt: witnesses ${why}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return bad("is not an object");
  const v = value as Record<string, unknown>;
  const known = ["configured", "required", "cosigned", "names"];
  const extra = Object.keys(v).find((k) => !known.includes(k));
  if (extra !== undefined) bad(`has unknown member ${JSON.stringify(extra)}`);
  const count = (name: string): number => {
    const n = v[name];
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > MAX_HINT_WITNESSES) {
      return bad(`.${name} is not an integer from 0 to ${MAX_HINT_WITNESSES}`);
    }
    return n;
  };
  const names = v.names;
  if (
    !Array.isArray(names) ||
    names.length > MAX_HINT_WITNESSES ||
    !names.every((n) => typeof n === "string" && n.length <= 256)
  ) {
    bad(`.names is not a list of at most ${MAX_HINT_WITNESSES} names`);
  }
  return {
    configured: count("configured"),
    required: count("required"),
    cosigned: count("cosigned"),
    names: names as string[],
  };
}

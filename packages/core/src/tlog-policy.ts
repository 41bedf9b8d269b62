/**
 * Witness policies in the line syntax of C2SP tlog-policy (draft; the same shape as Sigsum's
 * trust policy, with vkeys for keys): which logs a reader trusts and how many of which witnesses
 * must have cosigned a checkpoint before the reader believes it.
 *
 *   log <vkey> [<url>]                         a log's checkpoint key (Ed25519 note key, 0x01)
 *   witness <name> <vkey> [<url>]              a witness's cosignature/v1 key (0x04)
 *   group <name> <all|any|k> <member>...       k of the members (witnesses or earlier groups)
 *   quorum <name|none>                         the witness or group that must be satisfied
 *
 * Blank lines and lines starting with "#" are ignored. Names are defined once, before use, so a
 * group can never contain itself. "quorum none" trusts the log's own signature alone.
 */
import { IsnadError } from "./errors";
import { openCheckpoint, type Checkpoint } from "./checkpoint";
import { formatVerifierKey, parseVerifierKey, type NoteVerifier } from "./note";
import {
  formatCosignerVerifierKey,
  parseCosignerVerifierKey,
  verifyCosignature,
  type CosignerVerifier,
} from "./cosignature";

export interface PolicyWitness {
  readonly kind: "witness";
  readonly name: string;
  readonly key: CosignerVerifier;
  readonly url?: string;
}

export interface PolicyGroup {
  readonly kind: "group";
  readonly name: string;
  /** How many members must be satisfied. */
  readonly threshold: number;
  readonly members: readonly string[];
}

export interface PolicyLog {
  readonly key: NoteVerifier;
  readonly url?: string;
}

export interface WitnessPolicy {
  readonly logs: readonly PolicyLog[];
  readonly witnesses: readonly PolicyWitness[];
  readonly groups: readonly PolicyGroup[];
  /** The name of the witness or group to satisfy; undefined for "quorum none". */
  readonly quorum: string | undefined;
}

/** Bounds the work a hostile policy can cause; far above any real one. */
const MAX_POLICY_LINES = 1000;

function invalid(line: number, problem: string, cause?: unknown): never {
  throw new IsnadError("INVALID_ARGUMENT", `policy line ${line}: ${problem}`, { cause });
}

export function parseWitnessPolicy(text: string): WitnessPolicy {
  const lines = text.split("\n");
  if (lines.length > MAX_POLICY_LINES) {
    throw new IsnadError("INVALID_ARGUMENT", `a policy has at most ${MAX_POLICY_LINES} lines`);
  }
  const logs: PolicyLog[] = [];
  const witnesses: PolicyWitness[] = [];
  const groups: PolicyGroup[] = [];
  const names = new Set<string>();
  let quorum: string | undefined | null = null; // null: no quorum line yet
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const [keyword, ...args] = line.split(/\s+/) as [string, ...string[]];
    const define = (name: string): void => {
      if (names.has(name)) invalid(n, `${JSON.stringify(name)} is defined twice`);
      if (name === "none") invalid(n, `"none" is reserved`);
      names.add(name);
    };
    const key = <T>(parse: () => T): T => {
      try {
        return parse();
      } catch (cause) {
        return invalid(n, "not a valid key", cause);
      }
    };
    switch (keyword) {
      case "log": {
        if (args.length < 1 || args.length > 2) invalid(n, "log <vkey> [<url>]");
        const log = key(() => parseVerifierKey(args[0]!));
        logs.push(args[1] === undefined ? { key: log } : { key: log, url: args[1] });
        return;
      }
      case "witness": {
        if (args.length < 2 || args.length > 3) invalid(n, "witness <name> <vkey> [<url>]");
        define(args[0]!);
        const witness = key(() => parseCosignerVerifierKey(args[1]!));
        const base = { kind: "witness" as const, name: args[0]!, key: witness };
        witnesses.push(args[2] === undefined ? base : { ...base, url: args[2] });
        return;
      }
      case "group": {
        if (args.length < 3) invalid(n, "group <name> <all|any|k> <member>...");
        const [name, count, ...members] = args as [string, string, ...string[]];
        for (const member of members)
          if (!names.has(member)) invalid(n, `unknown member ${JSON.stringify(member)}`);
        if (new Set(members).size !== members.length) invalid(n, "a member is listed twice");
        let threshold: number;
        if (count === "all") threshold = members.length;
        else if (count === "any") threshold = 1;
        else if (/^[1-9][0-9]{0,3}$/.test(count) && Number(count) <= members.length)
          threshold = Number(count);
        else return invalid(n, `threshold ${JSON.stringify(count)} is not all, any or 1..${members.length}`);
        define(name);
        groups.push({ kind: "group", name, threshold, members });
        return;
      }
      case "quorum": {
        if (args.length !== 1) invalid(n, "quorum <name|none>");
        if (quorum !== null) invalid(n, "a second quorum line");
        if (args[0] !== "none" && !names.has(args[0]!))
          invalid(n, `unknown quorum ${JSON.stringify(args[0])}`);
        quorum = args[0] === "none" ? undefined : args[0];
        return;
      }
      default:
        invalid(n, `unknown keyword ${JSON.stringify(keyword)}`);
    }
  });
  if (quorum === null) throw new IsnadError("INVALID_ARGUMENT", "the policy has no quorum line");
  if (logs.length === 0) throw new IsnadError("INVALID_ARGUMENT", "the policy names no log");
  return { logs, witnesses, groups, quorum };
}

/** The policy as text that parseWitnessPolicy reads back to the same policy. */
export function formatWitnessPolicy(policy: WitnessPolicy): string {
  const lines: string[] = [];
  for (const log of policy.logs) {
    const key = formatVerifierKey(log.key.name, log.key.publicKey);
    lines.push(log.url === undefined ? `log ${key}` : `log ${key} ${log.url}`);
  }
  for (const w of policy.witnesses) {
    const key = formatCosignerVerifierKey(w.key);
    lines.push(w.url === undefined ? `witness ${w.name} ${key}` : `witness ${w.name} ${key} ${w.url}`);
  }
  for (const g of policy.groups) lines.push(["group", g.name, String(g.threshold), ...g.members].join(" "));
  lines.push(`quorum ${policy.quorum ?? "none"}`);
  return `${lines.join("\n")}\n`;
}

export interface QuorumResult {
  readonly checkpoint: Checkpoint;
  /** The policy's witnesses whose cosignature verified, in policy order, with its timestamp (seconds). */
  readonly cosigned: readonly { readonly name: string; readonly timestamp: number }[];
  /** How many witnesses the policy names. */
  readonly witnessCount: number;
  readonly satisfied: boolean;
}

/**
 * Opens a checkpoint under the policy: it must carry a valid signature by one of the policy's
 * logs; each policy witness's cosignature is checked (a failing one rejects the note, like any
 * failing signature by a known key); signatures by unknown keys or of unknown types are ignored.
 * Reports which witnesses cosigned and whether the quorum is met; it does not throw on a missed
 * quorum (see requireWitnessQuorum).
 */
export function checkWitnessQuorum(note: string | Uint8Array, policy: WitnessPolicy): QuorumResult {
  let opened: ReturnType<typeof openCheckpoint> | undefined;
  let lastError: unknown;
  for (const log of policy.logs) {
    try {
      opened = openCheckpoint(note, log.key, log.key.name);
      break;
    } catch (e) {
      lastError = e;
    }
  }
  if (opened === undefined) throw lastError;
  const { checkpoint, note: parsed } = opened;
  const cosigned: { name: string; timestamp: number }[] = [];
  for (const witness of policy.witnesses) {
    let timestamp: number | undefined;
    for (const signature of parsed.unverified) {
      timestamp = verifyCosignature(parsed.text, signature, witness.key) ?? timestamp;
    }
    if (timestamp !== undefined) cosigned.push({ name: witness.name, timestamp });
  }
  const signed = new Set(cosigned.map((c) => c.name));
  const groups = new Map(policy.groups.map((g) => [g.name, g]));
  // Groups only refer to names defined before them, so this recursion terminates.
  const satisfiedBy = (name: string): boolean => {
    const group = groups.get(name);
    if (group === undefined) return signed.has(name);
    return group.members.filter(satisfiedBy).length >= group.threshold;
  };
  const satisfied = policy.quorum === undefined || satisfiedBy(policy.quorum);
  return { checkpoint, cosigned, witnessCount: policy.witnesses.length, satisfied };
}

/** checkWitnessQuorum, throwing UNKNOWN_KEY (too few signatures by known keys) when the quorum is not met. */
export function requireWitnessQuorum(note: string | Uint8Array, policy: WitnessPolicy): QuorumResult {
  const result = checkWitnessQuorum(note, policy);
  if (!result.satisfied) {
    const names = result.cosigned.map((c) => c.name).join(", ") || "none";
    throw new IsnadError(
      "UNKNOWN_KEY",
      `witness quorum ${JSON.stringify(policy.quorum)} not met: ${result.cosigned.length} of ${result.witnessCount} witnesses cosigned (${names})`,
    );
  }
  return result;
}

/**
 * The log's witness settings when isnad's own witness cosigns it (stacks/witness.ts): keys
 * derived from seeds, ISNAD_WITNESSES and ISNAD_WITNESS_POLICY. Pure and free of SST globals, so
 * that tests/infra checks it directly.
 */
import {
  createCosigner,
  ed25519KeyPair,
  formatCosignerVerifierKey,
  formatVerifierKey,
  parseCosignerVerifierKey,
  parseHex,
} from "@isnad/core";

/** The witness's name in the policy the log serves (a policy label, not its key name). */
export const OWN_WITNESS_POLICY_NAME = "isnad";

/** The log's note verifier key for its origin and signing seed (hex), as the function derives it. */
export function logVerifierKey(origin: string, seedHex: string): string {
  return formatVerifierKey(origin, ed25519KeyPair(parseHex(seedHex.trim(), 32)).publicKey);
}

/** The witness's cosignature/v1 verifier key for its name and seed (hex). */
export function witnessVerifierKey(name: string, seedHex: string): string {
  return formatCosignerVerifierKey(createCosigner(name, parseHex(seedHex.trim(), 32)));
}

/**
 * ISNAD_WITNESSES and ISNAD_WITNESS_POLICY for a log that isnad's own witness cosigns: the
 * witness first, then any the deployer named; the deployer's policy when given, else one that
 * names the log and every witness and requires isnad's own (packages/core tlog-policy.ts).
 * Pure, so that tests check it without Pulumi; the log's function checks both at cold start.
 */
export function ownWitnessAnchors(input: {
  witnessUrl: string;
  witnessKey: string;
  logKey: string;
  anchors: Partial<Record<"ISNAD_WITNESSES" | "ISNAD_WITNESS_POLICY", string>>;
}): { ISNAD_WITNESSES: string; ISNAD_WITNESS_POLICY: string } {
  const own = `${input.witnessUrl} ${input.witnessKey}`;
  const others = (input.anchors.ISNAD_WITNESSES ?? "")
    .split(/[;\n]/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const policy =
    input.anchors.ISNAD_WITNESS_POLICY ??
    [
      `log ${input.logKey}`,
      `witness ${OWN_WITNESS_POLICY_NAME} ${input.witnessKey} ${input.witnessUrl}`,
      ...others.map((line) => {
        const [url, key] = line.split(/\s+/) as [string, string];
        return `witness ${parseCosignerVerifierKey(key).name} ${key} ${url}`;
      }),
      `quorum ${OWN_WITNESS_POLICY_NAME}`,
      "",
    ].join("\n");
  return { ISNAD_WITNESSES: [own, ...others].join("\n"), ISNAD_WITNESS_POLICY: policy };
}

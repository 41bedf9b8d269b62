/**
 * Witnesses and timestamp authorities for a deployment, from its environment (functions/api.ts;
 * `npm start` runs its own witness instead, packages/local). Every value is checked when the
 * process starts, so a typo fails the cold start with the variable's name, not the first checkpoint.
 *
 *   ISNAD_WITNESSES       witnesses to ask for cosignatures (c2sp.org/tlog-witness), one per line
 *                         or separated by ";": `<base URL> <cosignature/v1 verifier key>`
 *   ISNAD_WITNESS_POLICY  the policy served at /v1/policy (C2SP tlog-policy text)
 *   ISNAD_TSA_URLS        RFC 3161 timestamp authorities, separated by commas or spaces
 */
import { parseCosignerVerifierKey, parseWitnessPolicy } from "@isnad/core";
import { parseTsaUrls, TimestampClient } from "./timestamp-client";
import { WitnessClient, type WitnessEndpoint } from "./witness-client";
import type { LogWriterOptions } from "./log-writer";

export interface LogAnchors {
  /** For createServices({ logWriter }): the clients that run after each checkpoint is signed. */
  logWriter: Pick<LogWriterOptions, "witness" | "timestamps">;
  /** For the API's /v1/policy, when one is configured. */
  witnessPolicy?: string;
}

export function parseWitnessEndpoints(value: string | undefined): WitnessEndpoint[] {
  return (value ?? "")
    .split(/[;\n]/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [url, key, ...rest] = line.split(/\s+/);
      if (!url || !key || rest.length > 0) {
        throw new Error(`ISNAD_WITNESSES: expected "<base URL> <verifier key>", got "${line}"`);
      }
      new URL(url); // throws on a typo
      const verifier = parseCosignerVerifierKey(key);
      return { name: verifier.name, url, key: verifier };
    });
}

export function logAnchorsFromEnv(env: Record<string, string | undefined>): LogAnchors {
  const witnesses = parseWitnessEndpoints(env.ISNAD_WITNESSES);
  const tsaUrls = parseTsaUrls(env.ISNAD_TSA_URLS);
  const policy = env.ISNAD_WITNESS_POLICY?.trim() ? `${env.ISNAD_WITNESS_POLICY.trim()}\n` : undefined;
  if (policy !== undefined) parseWitnessPolicy(policy); // refuse a policy no reader could parse
  return {
    logWriter: {
      ...(witnesses.length > 0 ? { witness: new WitnessClient({ witnesses }) } : {}),
      ...(tsaUrls ? { timestamps: new TimestampClient({ urls: tsaUrls }) } : {}),
    },
    ...(policy !== undefined ? { witnessPolicy: policy } : {}),
  };
}

/**
 * isnad's own witness beside the local log (issue #16): its own key (witness-key.hex in the data
 * dir, like the signing key), its state in the local DynamoDB table (the same conditional write
 * as deployed), served on a loopback port of its own. The log's writer gets a WitnessClient for
 * it, and /v1/policy a 1-of-1 policy naming it. ISNAD_WITNESS=off runs the log without.
 */
import type { AddressInfo } from "node:net";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { serve, type ServerType } from "@hono/node-server";
import { createCosigner, formatWitnessPolicy, parseVerifierKey } from "@isnad/core";
import { WitnessClient } from "@isnad/archive";
import { DynamoDbWitnessState, createWitnessApp } from "@isnad/witness";
import { loadOrCreateSeed } from "./signing-key";

export const LOCAL_WITNESS_NAME = "witness.isnad.local";

export interface LocalWitness {
  readonly url: string;
  readonly client: WitnessClient;
  /** The C2SP tlog-policy text for this log and this witness. */
  readonly policy: string;
  close(): Promise<void>;
}

/** Whether `npm start` runs the witness: on unless ISNAD_WITNESS is "off" (or "0", "false"). */
export function witnessEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !["off", "0", "false"].includes((env.ISNAD_WITNESS ?? "").toLowerCase());
}

export async function startLocalWitness(options: {
  dataDir: string;
  dynamo: DynamoDBClient;
  table: string;
  host: string;
  logOrigin: string;
  logVerifierKey: string;
}): Promise<LocalWitness> {
  const cosigner = createCosigner(
    LOCAL_WITNESS_NAME,
    await loadOrCreateSeed(options.dataDir, "witness-key.hex"),
  );
  const app = createWitnessApp({
    cosigner,
    logs: new Map([[options.logOrigin, parseVerifierKey(options.logVerifierKey)]]),
    state: new DynamoDbWitnessState(options.dynamo, options.table),
    now: () => Date.now() / 1000,
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: options.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host}:${port}`;
  const client = new WitnessClient({ witnesses: [{ name: "isnad", url, key: cosigner }], timeoutMs: 2000 });
  const policy = formatWitnessPolicy({
    logs: [{ key: parseVerifierKey(options.logVerifierKey) }],
    witnesses: [{ kind: "witness", name: "isnad", key: cosigner, url }],
    groups: [],
    quorum: "isnad",
  });
  return {
    url,
    client,
    policy,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

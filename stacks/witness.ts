/**
 * isnad's own witness, deployable on its own (issue #16): one Lambda function (functions/witness.ts)
 * behind a function URL, with a DynamoDB table and a key of its own, so that it shares no
 * credentials or storage with the log it witnesses. Runs inside sst.config.ts `run()`:
 *
 *   const { createWitness } = await import("./stacks/witness");
 *   createWitness({ name: "witness.example.org", logs: [logVerifierKey] });
 *
 * Secret: `sst secret set WitnessKeySeed $(openssl rand -hex 32)`.
 */
export const WITNESS_KEY_SECRET = "WitnessKeySeed";

export function createWitness(options: { name: string; logs: readonly string[] }) {
  const seed = new sst.Secret(WITNESS_KEY_SECRET);
  const table = new sst.aws.Dynamo("WitnessState", {
    fields: { pk: "string", sk: "string" },
    primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  });
  const witness = new sst.aws.Function("Witness", {
    handler: "functions/witness.handler",
    runtime: "nodejs24.x",
    architecture: "arm64",
    memory: "256 MB",
    timeout: "10 seconds",
    url: true,
    environment: {
      ISNAD_WITNESS_SEED: seed.value,
      ISNAD_WITNESS_NAME: options.name,
      ISNAD_WITNESS_LOGS: options.logs.join(";"),
      ISNAD_WITNESS_TABLE: table.name,
    },
    // GetItem and the conditional PutItem on its own table, nothing else.
    permissions: [{ actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [table.arn] }],
  });
  return { witness, table, seed };
}

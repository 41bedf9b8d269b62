/**
 * isnad's own witness (issue #16): one Lambda function (functions/witness.ts) behind a function
 * URL, with a DynamoDB table and a key of its own, so that it shares no credentials or storage
 * with the log it witnesses. sst.config.ts creates it beside the log when ISNAD_WITNESS_NAME is
 * set (stacks/stage.ts `ownWitness`) and gives the log its URL and key (ownWitnessAnchors);
 * an operator can also deploy it alone, in another account, with createWitness.
 *
 * Secret: `sst secret set WitnessKeySeed $(openssl rand -hex 32)`.
 */
import type { StageSettings } from "./stage";
import { logVerifierKey, ownWitnessAnchors, witnessVerifierKey } from "./witness-anchors";

export const WITNESS_KEY_SECRET = "WitnessKeySeed";

export function createWitness(options: { name: string; logs: readonly $util.Input<string>[] }) {
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
      ISNAD_WITNESS_LOGS: $util.all([...options.logs]).apply((logs) => logs.join(";")),
      ISNAD_WITNESS_TABLE: table.name,
    },
    // GetItem and the conditional PutItem on its own table, nothing else.
    permissions: [{ actions: ["dynamodb:GetItem", "dynamodb:PutItem"], resources: [table.arn] }],
  });
  return { witness, table, seed };
}

/**
 * Creates isnad's own witness for this stage's log and returns the log's witness settings: the
 * keys are derived from the two seeds when Pulumi resolves them, never written in the program.
 */
export function withOwnWitness(settings: StageSettings, signingKeySeed: sst.Secret) {
  const name = settings.ownWitness!.name;
  const logKey = signingKeySeed.value.apply((seed) => logVerifierKey(settings.logOrigin, seed));
  const { witness, seed } = createWitness({ name, logs: [logKey] });
  const anchors = $util.all([witness.url, seed.value, logKey]).apply(([witnessUrl, witnessSeed, log]) =>
    ownWitnessAnchors({
      witnessUrl,
      witnessKey: witnessVerifierKey(name, witnessSeed),
      logKey: log,
      anchors: settings.anchors,
    }),
  );
  return {
    witness,
    anchors: {
      ISNAD_WITNESSES: anchors.apply((a) => a.ISNAD_WITNESSES),
      ISNAD_WITNESS_POLICY: anchors.apply((a) => a.ISNAD_WITNESS_POLICY),
    },
  };
}

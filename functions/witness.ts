/**
 * The Lambda entry point of isnad's witness (stacks/witness.ts): c2sp.org/tlog-witness over a
 * function URL, its state in its own DynamoDB table, its key from its own secret.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { handle } from "hono/aws-lambda";
import { DynamoDbWitnessState, createWitnessApp, witnessSettingsFromEnv } from "@isnad/witness";

const settings = witnessSettingsFromEnv(process.env);
export const handler = handle(
  createWitnessApp({
    cosigner: settings.cosigner,
    logs: settings.logs,
    state: new DynamoDbWitnessState(new DynamoDBClient({}), settings.table),
    now: () => Date.now() / 1000,
  }),
);

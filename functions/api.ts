/**
 * The Lambda entry point (stacks/api.ts): real SDK clients, created once per container, wired
 * into the same app that `npm start` serves. Nothing else belongs here.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { handle } from "hono/aws-lambda";
import { createApp, jsonLogger } from "@isnad/api";
import { createServices, serviceSettingsFromEnv } from "@isnad/archive";
import { fingerprintText } from "@isnad/core";
import { documentExtractor } from "@isnad/extract";

const settings = serviceSettingsFromEnv(process.env);
const services = createServices({
  s3: new S3Client({ forcePathStyle: process.env.ISNAD_S3_FORCE_PATH_STYLE === "true" }),
  dynamo: new DynamoDBClient({}),
  bucket: settings.bucket,
  table: settings.table,
  signingSeed: settings.signingSeed,
  logOrigin: settings.logOrigin,
  extractor: documentExtractor,
  fingerprint: fingerprintText,
  ...(settings.maxUploadBytes ? { limits: { maxUploadBytes: settings.maxUploadBytes } } : {}),
});
export const handler = handle(createApp({ ...services, logger: jsonLogger }));

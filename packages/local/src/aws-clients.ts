/**
 * AWS SDK v3 clients aimed at the local emulators. The clients are the production ones; only the
 * endpoint, the dummy credentials and two checksum settings differ.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { LOCAL_CREDENTIALS } from "./local-credentials";

export { LOCAL_CREDENTIALS };

export const LOCAL_REGION = "us-east-1";

export interface AwsClients {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
}

export function createAwsClients(options: {
  s3Endpoint: string;
  dynamoEndpoint: string;
  /** SDK attempts per call (default 3); tests of failure paths use 1 to fail fast. */
  maxAttempts?: number;
  /**
   * The SDK's `cacheMiddleware`: resolve each command's middleware stack once per client instead
   * of on every send. That resolution (a sort of ~40 middlewares) was 4–8 % of the local server's
   * busy time in the hostile storm (issue #13). Off by default: middleware added to the client
   * after a command's first send is then ignored, and tests count commands that way.
   */
  cacheMiddleware?: boolean;
}): AwsClients {
  // The SDK warns once per process that it will require Node 22 from 2027. Node 20 is the local
  // runtime on purpose (DESIGN.md), so silence it through the SDK's documented switch unless the
  // user set it themselves.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const common = {
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.cacheMiddleware ? { cacheMiddleware: true } : {}),
  };
  return {
    s3: new S3Client({
      ...common,
      endpoint: options.s3Endpoint,
      // s3rver serves buckets by path only, and understands none of the CRC32 checksum headers and
      // trailers the SDK adds by default since 2025; explicit ChecksumSHA256 values still go out.
      forcePathStyle: true,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    }),
    dynamo: new DynamoDBClient({ ...common, endpoint: options.dynamoEndpoint }),
  };
}

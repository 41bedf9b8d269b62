/**
 * Runs sst.config.ts `run()` for a production and a development stage under Pulumi mocks (no AWS
 * account, no Pulumi engine) and checks what would be deployed: the Lambda function, its IAM
 * policy, the locked and versioned bucket, the table, the secret and the CloudFront router.
 */
import { createLogSigner, logAnchorsFromEnv, tableDefinition } from "@isnad/archive";
import { formatCosignerVerifierKey, formatVerifierKey, parseHex, parseWitnessPolicy } from "@isnad/core";
import { witnessSettingsFromEnv } from "@isnad/witness";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { isProductionStage } from "../../stacks/stage";
import {
  inlinePolicy,
  onlyResource,
  resourcesOf,
  runStage,
  type CapturedRun,
  type PolicyStatement,
  type StageRun,
} from "./run-stage";
import { DISTRIBUTION_DOMAIN, FUNCTION_URL, WITNESS_FUNCTION_URL } from "./sst-mocks";
import { ensureSstPlatform } from "./sst-platform";

const SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"; // RFC 8032 §7.1 test 1
const RECEIPT_KEY = "3081870201003013"; // opaque here: the stack passes the secret through unread
const PROD_ORIGIN = "archive.example.org/log";
const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/** The function's whole grant, action by action; anything added must be added here too. */
const ALLOWED = {
  objects: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
  bucket: ["s3:ListBucket"],
  table: [
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:Query",
    "dynamodb:UpdateItem",
  ],
};
const FORBIDDEN = [
  "s3:BypassGovernanceRetention",
  "s3:PutObjectRetention",
  "s3:PutBucketObjectLockConfiguration",
  "s3:DeleteObjectVersion",
  "dynamodb:DeleteTable",
];

const runs = new Map<string, StageRun>();
const TSA_URL = "https://tsa.example.org/tsr";
const WITNESS_SEED = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"; // RFC 8032 §7.1 test 2
const WITNESS_NAME = "witness.isnad-witnessed.invalid";

beforeAll(async () => {
  ensureSstPlatform();
  // What `npm run deploy` does before `sst deploy`: the function copies the prebuilt page script.
  await import("../../packages/web/src/build-assets");
  const { buildExtractWorker } = await import("../../packages/extract/src/build-worker");
  await buildExtractWorker(
    fileURLToPath(new URL("../../packages/extract/dist/extract-worker.mjs", import.meta.url)),
  );
  const [prod, dev, noSecret, witnessed] = await Promise.all([
    runStage("prod", {
      ISNAD_LOG_ORIGIN: PROD_ORIGIN,
      SST_SECRET_SigningKeySeed: SEED,
      SST_SECRET_ReceiptKeyPkcs8: RECEIPT_KEY,
    }),
    runStage("dev", {
      SST_SECRET_SigningKeySeed: SEED,
      SST_SECRET_ReceiptKeyPkcs8: RECEIPT_KEY,
      ISNAD_TSA_URLS: TSA_URL,
    }),
    runStage("prod", { ISNAD_LOG_ORIGIN: PROD_ORIGIN }),
    runStage("witnessed", {
      SST_SECRET_SigningKeySeed: SEED,
      SST_SECRET_ReceiptKeyPkcs8: RECEIPT_KEY,
      SST_SECRET_WitnessKeySeed: WITNESS_SEED,
      ISNAD_WITNESS_NAME: WITNESS_NAME,
    }),
  ]);
  runs.set("prod", prod).set("dev", dev).set("no-secret", noSecret).set("witnessed", witnessed);
}, 600_000);

/** The API's function and role (the stage also deploys the quote-index sweeper: index-sweeper.test.ts). */
const API_HANDLER = "functions/api.handler";
const apiFunction = (run: CapturedRun) => {
  const found = resourcesOf(run, "aws:lambda/function:Function").filter(
    (f) => f.inputs.handler === API_HANDLER,
  );
  expect(found).toHaveLength(1);
  return found[0]!;
};
const apiRole = (run: CapturedRun) =>
  onlyResource({ ...run, resources: run.resources.filter((r) => r.name === "ApiRole") }, "aws:iam/role:Role");

function captured(stage: string): CapturedRun {
  const run = runs.get(stage);
  if (run?.result === undefined)
    throw new Error(`stage ${stage} did not run (exit ${run?.exitCode}):\n${run?.stderr}`);
  return run.result;
}

describe.each([
  { stage: "prod", production: true, lockDays: 3650, origin: PROD_ORIGIN },
  { stage: "dev", production: false, lockDays: 1, origin: "isnad-dev.invalid/log" },
])("stage $stage", ({ stage, production, lockDays, origin }) => {
  it("is an isnad app on AWS whose production settings match stacks/stage.ts", () => {
    const { app } = captured(stage);
    expect(app).toMatchObject({ name: "isnad", home: "aws", stage });
    expect(app.protect).toBe(isProductionStage(stage));
    expect(app.protect).toBe(production);
    expect(app.removal).toBe(production ? "retain" : "remove");
  });

  it("runs the API as one arm64 Node.js 22/24 function with a function URL", () => {
    const run = captured(stage);
    const fn = apiFunction(run).inputs;
    expect(["nodejs22.x", "nodejs24.x"]).toContain(fn.runtime);
    expect(fn).toMatchObject({
      architectures: ["arm64"],
      memorySize: 1024,
      timeout: 30,
      handler: "functions/api.handler",
    });
    const url = onlyResource(run, "aws:lambda/functionUrl:FunctionUrl").inputs;
    expect(url.authorizationType).toBe("NONE");
    expect(run.outputs.apiUrl).toBe(FUNCTION_URL);
    // SST built (bundled) the handler for that runtime and architecture, with nothing linked.
    const build = run.builds.filter((b) => b.handler === API_HANDLER);
    expect(build).toEqual([
      expect.objectContaining({ handler: API_HANDLER, runtime: fn.runtime, links: {} }),
    ]);
    expect(build[0]?.properties).toMatchObject({ architecture: "arm64" });
  });

  it("passes the bucket, table, log origin, upload limit and signing seed in the environment", () => {
    const run = captured(stage);
    const lambda = apiFunction(run);
    // The seed travels as a Pulumi secret: encrypted in the state, masked in the CLI.
    expect(lambda.secretInputs).toEqual(["environment"]);
    const variables = (lambda.inputs.environment as { variables: Record<string, string> }).variables;
    expect(variables).toMatchObject({
      ISNAD_STAGE: stage,
      ISNAD_BUCKET: run.outputs.bucket,
      ISNAD_TABLE: run.outputs.table,
      ISNAD_LOG_ORIGIN: origin,
      ISNAD_MAX_UPLOAD_BYTES: String(4 * 1024 * 1024),
      ISNAD_SIGNING_KEY_SEED: SEED,
      ISNAD_RECEIPT_KEY: RECEIPT_KEY,
    });
    // Witnesses and TSAs only where the deployer named some (the dev run names a TSA).
    expect(variables.ISNAD_TSA_URLS).toBe(stage === "dev" ? TSA_URL : undefined);
    expect(resourcesOf(run, "sst:sst:Secret").map((r) => r.name)).toEqual([
      "SigningKeySeed",
      "ReceiptKeyPkcs8",
    ]);
  });

  it("grants exactly the allow-list, on the bucket and table only, and denies lock bypasses", () => {
    const run = captured(stage);
    const bucketArn = `arn:aws:s3:::${String(run.outputs.bucket)}`;
    const tableArn = `arn:aws:dynamodb:us-east-1:123456789012:table/${String(run.outputs.table)}`;
    const statements = inlinePolicy(apiRole(run));
    const allows = statements.filter((s) => s.Effect === "Allow");
    const grant = (resources: string[]) =>
      allows
        .filter((s) => JSON.stringify(s.Resource) === JSON.stringify(resources))
        .flatMap((s) => s.Action)
        .sort();
    expect(grant([`${bucketArn}/*`])).toEqual(ALLOWED.objects);
    expect(grant([bucketArn])).toEqual(ALLOWED.bucket);
    expect(grant([tableArn, `${tableArn}/index/*`])).toEqual(ALLOWED.table);
    const allowed = allows.flatMap((s) => s.Action).sort();
    expect(allowed).toEqual([...ALLOWED.objects, ...ALLOWED.bucket, ...ALLOWED.table].sort());
    for (const action of allowed) expect(action).not.toContain("*");
    const denied = statements.filter((s) => s.Effect === "Deny").flatMap((s) => s.Action);
    for (const action of FORBIDDEN) {
      expect(allowed).not.toContain(action);
      expect(denied).toContain(action);
    }
    // Only logging beyond that; and only Lambda may assume the role (not the account root).
    const role = apiRole(run).inputs;
    expect(role.managedPolicyArns).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    ]);
    expect(JSON.parse(String(role.assumeRolePolicy))).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    });
  });

  it("keeps originals in a private, versioned bucket under COMPLIANCE Object Lock", () => {
    const run = captured(stage);
    const bucket = onlyResource(run, "aws:s3/bucket:Bucket");
    expect(bucket.inputs).toMatchObject({ objectLockEnabled: true, forceDestroy: !production });
    expect(bucket.retainOnDelete).toBe(production);
    expect(onlyResource(run, "aws:s3/bucketVersioning:BucketVersioning").inputs).toMatchObject({
      bucket: run.outputs.bucket,
      versioningConfiguration: { status: "Enabled" },
    });
    expect(
      onlyResource(run, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").inputs,
    ).toEqual({
      bucket: run.outputs.bucket,
      rule: { defaultRetention: { mode: "COMPLIANCE", days: lockDays } },
    });
    expect(run.outputs.objectLockDays).toBe(lockDays);
    expect(onlyResource(run, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const policy = JSON.parse(
      String(onlyResource(run, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy),
    ) as {
      Statement: PolicyStatement[];
    };
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": ["false"] } } }),
    ]);
  });

  it("aborts stale multipart uploads, expires abandoned uploads, and never expires other versions", () => {
    const run = captured(stage);
    const rules = onlyResource(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs
      .rules as Record<string, unknown>[];
    expect(rules).toContainEqual(
      expect.objectContaining({
        status: "Enabled",
        filter: {},
        abortIncompleteMultipartUpload: { daysAfterInitiation: 1 },
      }),
    );
    expect(rules).toContainEqual(
      expect.objectContaining({ status: "Enabled", filter: { prefix: "uploads/" }, expiration: { days: 2 } }),
    );
    for (const rule of rules) {
      if (rule.noncurrentVersionExpiration !== undefined || rule.expiration !== undefined) {
        expect(rule.filter).toEqual({ prefix: "uploads/" });
      }
    }
  });

  it("creates the table of packages/archive: pk/sk, gsi1, on demand, PITR", () => {
    const run = captured(stage);
    const table = onlyResource(run, "aws:dynamodb/table:Table");
    expect(table.retainOnDelete).toBe(production);
    expect(table.inputs).toMatchObject({
      hashKey: "pk",
      rangeKey: "sk",
      billingMode: "PAY_PER_REQUEST",
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: production,
      globalSecondaryIndexes: [
        { name: "gsi1", hashKey: "gsi1pk", rangeKey: "gsi1sk", projectionType: "ALL" },
      ],
    });
    // The adapter's own definition (used locally) must describe the same table.
    const local = tableDefinition("local");
    const attributes = (table.inputs.attributes as { name: string; type: string }[]).map((a) => [
      a.name,
      a.type,
    ]);
    expect(attributes.sort()).toEqual(
      local.AttributeDefinitions?.map((a) => [a.AttributeName, a.AttributeType]).sort(),
    );
    expect(local.KeySchema?.map((k) => k.AttributeName)).toEqual(["pk", "sk"]);
    expect(
      local.GlobalSecondaryIndexes?.map((i) => [
        i.IndexName,
        ...(i.KeySchema ?? []).map((k) => k.AttributeName),
      ]),
    ).toEqual([["gsi1", "gsi1pk", "gsi1sk"]]);
  });

  it("puts CloudFront in front: tiles and originals cached as the origin says, the checkpoint briefly, the rest never", () => {
    const run = captured(stage);
    const distribution = onlyResource(run, "aws:cloudfront/distribution:Distribution").inputs as {
      defaultCacheBehavior: Record<string, unknown>;
      orderedCacheBehaviors: Record<string, unknown>[];
      origins: { domainName: string; customOriginConfig: { originReadTimeout: number } }[];
    };
    const policies = new Map(
      resourcesOf(run, "aws:cloudfront/cachePolicy:CachePolicy").map((p) => [`${p.name}-id`, p.inputs]),
    );
    expect(distribution.defaultCacheBehavior).toMatchObject({
      cachePolicyId: CACHING_DISABLED,
      originRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      viewerProtocolPolicy: "redirect-to-https",
    });
    const ttls = (pattern: string) => {
      const behavior = distribution.orderedCacheBehaviors.find((b) => b.pathPattern === pattern);
      const policy = policies.get(String(behavior?.cachePolicyId));
      return policy && { min: policy.minTtl, default: policy.defaultTtl, max: policy.maxTtl };
    };
    expect(ttls("/tile/*")).toEqual({ min: 0, default: 0, max: 31_536_000 });
    expect(ttls("/v1/statements/*/original")).toEqual({ min: 0, default: 0, max: 31_536_000 });
    expect(ttls("/checkpoint")).toEqual({ min: 0, default: 0, max: 10 });
    expect(distribution.orderedCacheBehaviors).toHaveLength(3);
    for (const origin of distribution.origins) {
      expect(origin.domainName).toBe(new URL(FUNCTION_URL).host);
      expect(origin.customOriginConfig.originReadTimeout).toBeGreaterThanOrEqual(30);
    }
  });

  it("returns the URLs, names and settings as outputs", () => {
    const run = captured(stage);
    expect(run.outputs).toEqual({
      url: `https://${DISTRIBUTION_DOMAIN}`,
      apiUrl: FUNCTION_URL,
      bucket: onlyResource(run, "aws:s3/bucket:Bucket").inputs.bucket,
      table: onlyResource(run, "aws:dynamodb/table:Table").inputs.name,
      logOrigin: origin,
      signingKeySecret: "SigningKeySeed",
      objectLockDays: lockDays,
      _protect: production,
    });
  });
});

describe("prod and dev", () => {
  it("deploy the same resources, so that dev rehearses prod", () => {
    const names = (run: CapturedRun) =>
      run.resources
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r) => `${r.type} ${r.name}`)
        .sort();
    expect(names(captured("dev"))).toEqual(names(captured("prod")));
  });

  it("refuse to deploy without the signing key secret", () => {
    const run = runs.get("no-secret");
    expect(run?.exitCode).not.toBe(0);
    expect(run?.stderr).toContain("SigningKeySeed");
  });
});

describe("ISNAD_WITNESS_NAME: isnad's own witness beside the log", () => {
  const env = (run: CapturedRun, handler: string) => {
    const fn = resourcesOf(run, "aws:lambda/function:Function").find((f) => f.inputs.handler === handler);
    return (fn?.inputs.environment as { variables: Record<string, string> }).variables;
  };

  it("runs the witness as its own function, table and secret, for this log's key only", () => {
    const run = captured("witnessed");
    const witness = env(run, "functions/witness.handler");
    const log = createLogSigner("isnad-witnessed.invalid/log", parseHex(SEED, 32));
    expect(witness).toMatchObject({
      ISNAD_WITNESS_SEED: WITNESS_SEED,
      ISNAD_WITNESS_NAME: WITNESS_NAME,
      ISNAD_WITNESS_LOGS: log.verifierKey,
    });
    const tables = resourcesOf(run, "aws:dynamodb/table:Table").map((t) => t.inputs.name);
    expect(tables).toContain(witness.ISNAD_WITNESS_TABLE);
    expect(tables).toHaveLength(2);
    expect(resourcesOf(run, "sst:sst:Secret").map((r) => r.name)).toContain("WitnessKeySeed");
    expect(run.outputs.witnessUrl).toBe(WITNESS_FUNCTION_URL);
  });

  it("gives the log the witness's URL and the key the witness derives, and a policy requiring it", () => {
    const run = captured("witnessed");
    const api = env(run, "functions/api.handler");
    // The key as the witness function itself derives it from its environment at cold start.
    const key = formatCosignerVerifierKey(
      witnessSettingsFromEnv(env(run, "functions/witness.handler")).cosigner,
    );
    expect(api.ISNAD_WITNESSES).toBe(`${WITNESS_FUNCTION_URL} ${key}`);
    // What the log's function does with them at cold start (functions/api.ts).
    const anchors = logAnchorsFromEnv(api);
    expect(anchors.logWriter.witness).toBeDefined();
    const policy = parseWitnessPolicy(anchors.witnessPolicy!);
    expect(policy.quorum).toBe("isnad");
    expect(policy.witnesses.map((w) => [w.name, formatCosignerVerifierKey(w.key), w.url])).toEqual([
      ["isnad", key, WITNESS_FUNCTION_URL],
    ]);
    const log = createLogSigner(api.ISNAD_LOG_ORIGIN!, parseHex(SEED, 32));
    expect(policy.logs.map((l) => formatVerifierKey(l.key.name, l.key.publicKey))).toEqual([log.verifierKey]);
  });

  it("is absent unless named: the other stages deploy the API and the index sweeper only", () => {
    for (const stage of ["prod", "dev"]) {
      const handlers = resourcesOf(captured(stage), "aws:lambda/function:Function").map(
        (f) => f.inputs.handler,
      );
      expect(handlers.sort()).toEqual([API_HANDLER, "functions/index-sweeper.handler"]);
      expect(env(captured(stage), "functions/api.handler").ISNAD_WITNESSES).toBeUndefined();
    }
  });
});

/**
 * The HTTP API: the Hono app (functions/api.ts) as one Lambda function behind a function URL.
 * Runs inside sst.config.ts `run()`, where `sst` and `$app` are globals.
 */
import { apiPermissions } from "./api-permissions";
import type { StageSettings } from "./stage";
import type { Storage } from "./storage";

/** The Ed25519 seed (32 bytes, hex) that signs records and checkpoints: `sst secret set SigningKeySeed <hex>`. */
export const SIGNING_KEY_SECRET = "SigningKeySeed";
/**
 * The ES256 (P-256) key of COSE receipts, as the hex of its PKCS #8 DER:
 * `sst secret set ReceiptKeyPkcs8 $(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 |
 *  openssl pkcs8 -topk8 -nocrypt -outform DER | xxd -p -c0)`.
 */
export const RECEIPT_KEY_SECRET = "ReceiptKeyPkcs8";

export const LAMBDA_TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/**
 * `ownAnchors` adds witness settings derived from the signing seed (isnad's own witness,
 * stacks/witness.ts withOwnWitness); they replace the deployer's ISNAD_WITNESSES/…_POLICY.
 */
export function createApi(
  settings: StageSettings,
  storage: Storage,
  ownAnchors?: (signingKeySeed: sst.Secret) => Record<string, $util.Input<string>>,
) {
  const signingKeySeed = new sst.Secret(SIGNING_KEY_SECRET);
  const receiptKey = new sst.Secret(RECEIPT_KEY_SECRET);

  const api = new sst.aws.Function("Api", {
    handler: "functions/api.handler",
    runtime: "nodejs24.x",
    // Dynamically imported modules (RFC 3161's pkijs) in chunks of their own, loaded on first use:
    // the cold start parses ~0.9 MiB instead of ~1.4 (tests/bench/bundle.ts builds it the same way).
    nodejs: { splitting: true },
    architecture: "arm64",
    memory: "1024 MB",
    timeout: "30 seconds",
    // authorization "none": the app checks publisher keys itself; CORS is answered by Lambda.
    url: true,
    environment: {
      ISNAD_STAGE: settings.stage,
      ISNAD_BUCKET: storage.bucket.name,
      ISNAD_TABLE: storage.table.name,
      ISNAD_LOG_ORIGIN: settings.logOrigin,
      ISNAD_MAX_UPLOAD_BYTES: String(settings.maxUploadBytes),
      ISNAD_SIGNING_KEY_SEED: signingKeySeed.value,
      ISNAD_RECEIPT_KEY: receiptKey.value,
      ...settings.anchors,
      ...ownAnchors?.(signingKeySeed),
    },
    // The pages' scripts and the single-file CLI (/cli/isnad.mjs), prebuilt by `npm run build:web`
    // (npm run deploy runs it first): esbuild is not there at run time on Lambda.
    copyFiles: [
      ...["verify.js", "statement.js", "receipt.js", "isnad.mjs"].map((name) => ({
        from: `packages/web/dist/${name}`,
        to: `assets/${name}`,
      })),
      // The extraction worker (pdf.js, mammoth): the handler starts it from LAMBDA_TASK_ROOT.
      { from: "packages/extract/dist/extract-worker.mjs", to: "extract-worker.mjs" },
    ],
    // No `link`: its grants are s3:* and dynamodb:* (see api-permissions.ts).
    permissions: apiPermissions(storage.bucket.arn, storage.table.arn),
    transform: {
      role: (args) => {
        // SST 4.17.1 tests an Output for truthiness (`!dev`), so every deployed role also trusts
        // the account root, which only `sst dev` needs. Outside `sst dev`, Lambda alone may assume it.
        if (!$dev) args.assumeRolePolicy = LAMBDA_TRUST_POLICY;
      },
    },
  });

  return { api, signingKeySeed, receiptKey };
}

export type Api = ReturnType<typeof createApi>;

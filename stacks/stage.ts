/**
 * What differs between stages, decided in one place and free of SST globals, so that it can be
 * unit-tested and read by every stack module.
 *
 * sst.config.ts `app()` repeats the production test (SST evaluates `app()` on its own, before any
 * stack module is loaded); tests/infra checks that both agree.
 */

/** Stages that hold the public archive: retained on removal, protected, locked for years. */
export const PRODUCTION_STAGES: readonly string[] = ["production", "prod"];

/** Default Object Lock retention (COMPLIANCE mode) of every new object version, in days. */
export const PRODUCTION_OBJECT_LOCK_DAYS = 3650;
export const DEVELOPMENT_OBJECT_LOCK_DAYS = 1;
/** S3 caps a default retention at 100 years (PutObjectLockConfiguration, "Days"). */
const MAX_OBJECT_LOCK_DAYS = 36500;

/**
 * Largest document accepted in one request body. A Lambda function URL carries at most 6 MB of
 * request payload, and binary bodies arrive base64-encoded (4/3 larger), so 4 MiB of document
 * plus multipart framing stays under it; larger documents go through presigned uploads.
 */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

export interface StageSettings {
  stage: string;
  production: boolean;
  objectLockDays: number;
  /** The C2SP checkpoint origin and note key name; permanent for the life of the log. */
  logOrigin: string;
  maxUploadBytes: number;
  /**
   * Witnesses, their policy and RFC 3161 timestamp authorities (and their pinned roots, PEM, for
   * the provenance page), passed to the function as they are (packages/archive/src/log/
   * log-anchors-env.ts checks them at cold start). Unset: none.
   */
  anchors: Partial<
    Record<"ISNAD_WITNESSES" | "ISNAD_WITNESS_POLICY" | "ISNAD_TSA_URLS" | "ISNAD_TSA_ROOTS", string>
  >;
  /**
   * isnad's own witness (stacks/witness.ts), deployed beside the log when ISNAD_WITNESS_NAME
   * names it (its cosigner name, e.g. "witness.example.org"); the log then asks it to cosign
   * and its policy requires it. Unset: none (an operator may run it elsewhere, on its own).
   */
  ownWitness: { name: string } | undefined;
}

const ANCHOR_VARIABLES = [
  "ISNAD_WITNESSES",
  "ISNAD_WITNESS_POLICY",
  "ISNAD_TSA_URLS",
  "ISNAD_TSA_ROOTS",
] as const;

export function isProductionStage(stage: string): boolean {
  return PRODUCTION_STAGES.includes(stage);
}

/**
 * Settings of one stage. Deploy-time overrides come from the environment of `sst deploy`:
 * ISNAD_LOG_ORIGIN (required for production stages: a log's origin can never change) and
 * ISNAD_OBJECT_LOCK_DAYS (may raise, never lower, the production retention).
 */
export function stageSettings(
  stage: string,
  env: Readonly<Record<string, string | undefined>>,
): StageSettings {
  const production = isProductionStage(stage);
  return {
    stage,
    production,
    objectLockDays: parseObjectLockDays(env.ISNAD_OBJECT_LOCK_DAYS, production),
    logOrigin: parseLogOrigin(env.ISNAD_LOG_ORIGIN, stage, production),
    maxUploadBytes: MAX_UPLOAD_BYTES,
    anchors: Object.fromEntries(
      ANCHOR_VARIABLES.filter((name) => env[name]).map((name) => [name, env[name]!]),
    ),
    ownWitness: parseWitnessName(env.ISNAD_WITNESS_NAME),
  };
}

/** A cosigner name is a C2SP signed-note key name: no Unicode spaces, no "+". */
function parseWitnessName(value: string | undefined): { name: string } | undefined {
  if (value === undefined || value === "") return undefined;
  if (/[\p{White_Space}+]/u.test(value)) {
    throw new Error(
      `ISNAD_WITNESS_NAME must be a note key name without spaces or "+", got ${JSON.stringify(value)}`,
    );
  }
  return { name: value };
}

function parseObjectLockDays(value: string | undefined, production: boolean): number {
  const floor = production ? PRODUCTION_OBJECT_LOCK_DAYS : DEVELOPMENT_OBJECT_LOCK_DAYS;
  if (value === undefined || value === "") return floor;
  if (!/^[1-9][0-9]{0,4}$/.test(value) || Number(value) > MAX_OBJECT_LOCK_DAYS) {
    throw new Error(
      `ISNAD_OBJECT_LOCK_DAYS must be a whole number of days from 1 to ${MAX_OBJECT_LOCK_DAYS}`,
    );
  }
  const days = Number(value);
  if (days < floor) {
    throw new Error(
      `ISNAD_OBJECT_LOCK_DAYS=${days} is below the ${floor} days a production stage keeps originals`,
    );
  }
  return days;
}

function parseLogOrigin(value: string | undefined, stage: string, production: boolean): string {
  if (value === undefined || value === "") {
    if (production) {
      throw new Error(
        `stage ${stage} needs ISNAD_LOG_ORIGIN (e.g. "archive.example.org/log"): it names the log forever`,
      );
    }
    // ".invalid" (RFC 2606 §2) says plainly that a development log has no public home.
    return `isnad-${stage}.invalid/log`;
  }
  // C2SP tlog-checkpoint: the origin is a schema-less URL without Unicode spaces or "+",
  // because it is also the signed-note key name.
  if (/[\p{White_Space}+]/u.test(value) || value.includes("://")) {
    throw new Error(
      `ISNAD_LOG_ORIGIN must be a schema-less URL without spaces or "+", got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * The deployed service's settings, read from the environment stacks/api.ts gives the Lambda.
 * Missing or malformed settings fail at cold start with a message that names the variable,
 * never later with a confusing error on some request.
 */
import { isValidNoteName, parseHex } from "@isnad/core";

export interface ServiceSettings {
  bucket: string;
  table: string;
  signingSeed: Uint8Array;
  logOrigin: string;
  maxUploadBytes?: number;
}

export function serviceSettingsFromEnv(env: Record<string, string | undefined>): ServiceSettings {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`isnad: the environment variable ${name} is not set`);
    return value;
  };
  let signingSeed: Uint8Array;
  try {
    signingSeed = parseHex(required("ISNAD_SIGNING_KEY_SEED").trim(), 32);
  } catch (cause) {
    throw new Error("isnad: ISNAD_SIGNING_KEY_SEED must be 64 hexadecimal digits (an Ed25519 seed)", {
      cause,
    });
  }
  const logOrigin = required("ISNAD_LOG_ORIGIN");
  if (!isValidNoteName(logOrigin))
    throw new Error(`isnad: ISNAD_LOG_ORIGIN '${logOrigin}' is not a valid note name`);
  const max = env.ISNAD_MAX_UPLOAD_BYTES;
  const maxUploadBytes = max === undefined ? undefined : Number(max);
  if (maxUploadBytes !== undefined && (!Number.isSafeInteger(maxUploadBytes) || maxUploadBytes < 1)) {
    throw new Error("isnad: ISNAD_MAX_UPLOAD_BYTES must be a positive integer");
  }
  return {
    bucket: required("ISNAD_BUCKET"),
    table: required("ISNAD_TABLE"),
    signingSeed,
    logOrigin,
    ...(maxUploadBytes === undefined ? {} : { maxUploadBytes }),
  };
}

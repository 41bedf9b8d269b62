/**
 * RFC 6962 / RFC 9162 proof verification against transparency-dev/merkle's published test data,
 * read at test time from ../shared/vectors/merkle (see its README; the files are not copied into
 * this repository). Every vector with wantErr: false must verify and every one with wantErr: true
 * must be rejected. Where the folder is absent the suite says so loudly instead of passing quietly.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseBase64 } from "../../packages/core/src/bytes";
import { isIsnadError } from "../../packages/core/src/errors";
import { verifyInclusion } from "../../packages/core/src/inclusion";
import { verifyConsistency } from "../../packages/core/src/consistency";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const VECTORS = path.resolve(repoRoot, "../shared/vectors/merkle");
const present = existsSync(VECTORS);

interface Vector {
  readonly file: string;
  readonly data: Record<string, unknown>;
}

function load(kind: "inclusion" | "consistency"): Vector[] {
  const dir = path.join(VECTORS, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: `${kind}/${f}`, data: JSON.parse(readFileSync(path.join(dir, f), "utf8")) }));
}

/** Hashes are standard base64; null, absent or "" are kept as the (wrong-length) empty hash. */
function bytes(value: unknown): Uint8Array {
  return typeof value === "string" ? parseBase64(value) : new Uint8Array(0);
}

function hashes(value: unknown): Uint8Array[] {
  return Array.isArray(value) ? value.map(bytes) : [];
}

/** Runs a verifier: "ok", or the message of the IsnadError("INVALID_PROOF") it threw. */
function outcome(verify: () => void): string {
  try {
    verify();
    return "ok";
  } catch (e) {
    if (!isIsnadError(e, "INVALID_PROOF")) throw e; // anything else is a bug, not a rejection
    return e.message;
  }
}

const inclusion = present ? load("inclusion") : [];
const consistency = present ? load("consistency") : [];

describe("RFC 6962 conformance vectors (../shared/vectors/merkle)", () => {
  if (!present) {
    console.warn(`SKIPPED: ../shared/vectors/merkle not found (looked in ${VECTORS}); no conformance run`);
  }

  // Register only what can run: a placeholder when the vectors are absent, the vectors otherwise,
  // so a normal run reports no skipped tests and an absent folder is said out loud.
  if (!present) {
    it("SKIPPED: ../shared/vectors/merkle not found", () => {
      // CI copies shared/ beside the clone: there an absent folder is a failure, not a skip.
      expect(process.env.CI, "the RFC 6962 vectors are required in CI").toBeFalsy();
    });
    return;
  }

  it("finds the whole data set, with vectors that pass and vectors that fail", () => {
    expect(inclusion.length).toBeGreaterThanOrEqual(90);
    expect(consistency.length).toBeGreaterThanOrEqual(90);
    for (const set of [inclusion, consistency]) {
      expect(set.some((v) => v.data.wantErr === false)).toBe(true);
      expect(set.some((v) => v.data.wantErr === true)).toBe(true);
      expect(set.every((v) => typeof v.data.wantErr === "boolean")).toBe(true);
    }
  });

  describe("inclusion", () => {
    it.each(inclusion)("$file", ({ data }) => {
      const result = outcome(() =>
        verifyInclusion(
          data.leafIdx as number,
          data.treeSize as number,
          bytes(data.leafHash),
          hashes(data.proof),
          bytes(data.root),
        ),
      );
      if (data.wantErr) expect(result, `${String(data.desc)} must be rejected`).not.toBe("ok");
      else expect(result, `${String(data.desc)} must verify`).toBe("ok");
    });
  });

  describe("consistency", () => {
    it.each(consistency)("$file", ({ data }) => {
      const result = outcome(() =>
        verifyConsistency(
          data.size1 as number,
          data.size2 as number,
          hashes(data.proof),
          bytes(data.root1),
          bytes(data.root2),
        ),
      );
      if (data.wantErr) expect(result, `${String(data.desc)} must be rejected`).not.toBe("ok");
      else expect(result, `${String(data.desc)} must verify`).toBe("ok");
    });
  });
});

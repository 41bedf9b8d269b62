/**
 * Starts the real local stack (s3rver + dynalite + the app over HTTP) in a temporary data dir on
 * a free port, for integration tests that talk to isnad exactly as curl would.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startLocalStack, type LocalStack, type LocalStackOptions } from "@isnad/local";

export const repoRoot = resolve(import.meta.dirname, "../..");
export const seedsDir = join(repoRoot, "seeds");
export const seedFile = join(seedsDir, "etilaf-daraa-ceasefire-violations.ar.txt");

export interface TestStack extends LocalStack {
  dataDir: string;
  /** Stops the stack, keeping its data dir (to test a restart). */
  stop(): Promise<void>;
  /** Stops the stack and deletes its data. */
  close(): Promise<void>;
}

export async function startTestStack(options: Partial<LocalStackOptions> = {}): Promise<TestStack> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "isnad-test-")));
  const stack = await startLocalStack({ port: 0, seedsDir, ...options, dataDir });
  return {
    ...stack,
    dataDir,
    stop: () => stack.close(),
    close: async () => {
      await stack.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs sst.config.ts for one stage in a child process (tests/infra/sst-mock-run.ts) and reads
 * back what it registered.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CapturedResource, CapturedRun } from "./sst-mock-run";
import { ROOT } from "./sst-platform";

export type { CapturedResource, CapturedRun };

/** Deploy-time variables a developer's shell might hold; each run states its own. */
const STAGE_VARIABLES = [
  "ISNAD_LOG_ORIGIN",
  "ISNAD_OBJECT_LOCK_DAYS",
  "SST_SECRET_SigningKeySeed",
  "SST_SECRET_WitnessKeySeed",
  "SST_SECRETS",
  "ISNAD_WITNESS_NAME",
  "ISNAD_WITNESSES",
  "ISNAD_WITNESS_POLICY",
  "ISNAD_TSA_URLS",
];

export interface StageRun {
  exitCode: number;
  stderr: string;
  result: CapturedRun | undefined;
}

export async function runStage(stage: string, env: Record<string, string>): Promise<StageRun> {
  const dir = await mkdtemp(join(tmpdir(), "isnad-infra-"));
  const resultPath = join(dir, "result.json");
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const name of STAGE_VARIABLES) if (!(name in env)) delete childEnv[name];
  try {
    const { exitCode, stderr } = await new Promise<{ exitCode: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", join(ROOT, "tests/infra/sst-mock-run.ts"), stage, resultPath],
        { cwd: ROOT, env: childEnv, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 },
        (error, _stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
          resolve({ exitCode: code, stderr });
        },
      );
    });
    const result =
      exitCode === 0 ? (JSON.parse(await readFile(resultPath, "utf8")) as CapturedRun) : undefined;
    return { exitCode, stderr, result };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function resourcesOf(run: CapturedRun, type: string): CapturedResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function onlyResource(run: CapturedRun, type: string): CapturedResource {
  const found = resourcesOf(run, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as CapturedResource;
}

export interface PolicyStatement {
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string[];
  Condition?: unknown;
}

/** The statements of the one inline policy SST attaches to a function's role. */
export function inlinePolicy(role: CapturedResource): PolicyStatement[] {
  const inline = role.inputs.inlinePolicies as { name: string; policy: string }[];
  if (inline.length !== 1)
    throw new Error(`expected one inline policy on ${role.name}, found ${inline.length}`);
  return (JSON.parse(inline[0]?.policy ?? "{}") as { Statement: PolicyStatement[] }).Statement;
}

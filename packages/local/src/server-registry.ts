/**
 * Which local servers run on this machine, and on which data dir: one small file per server in a
 * shared folder (ISNAD_RUN_DIR, default <tmpdir>/isnad-servers). Admin commands read it to warn
 * when they act on one archive while a server serves another — the trap of running
 * `ISNAD_DATA_DIR=/srv/isnad npm start` and then `npm run isnad -- publisher create …` without it.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processAlive } from "./local-stack-error";

export interface RunningServer {
  pid: number;
  url: string;
  dataDir: string;
  startedAt: string;
}

export function runDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ISNAD_RUN_DIR || join(tmpdir(), "isnad-servers");
}

function entryName(server: Pick<RunningServer, "pid" | "url">): string {
  return `${server.pid}-${new URL(server.url).port || "80"}.json`;
}

/** Registers a server; the returned function removes the entry again. */
export async function registerServer(
  server: RunningServer,
  env: NodeJS.ProcessEnv = process.env,
): Promise<() => Promise<void>> {
  const dir = runDir(env);
  await mkdir(dir, { recursive: true });
  const path = join(dir, entryName(server));
  await writeFile(path, JSON.stringify(server) + "\n");
  return () => rm(path, { force: true });
}

/** The servers that are running now; entries of processes that are gone are removed. */
export async function runningServers(env: NodeJS.ProcessEnv = process.env): Promise<RunningServer[]> {
  const dir = runDir(env);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /^\d+-\d+\.json$/.test(n));
  } catch {
    return [];
  }
  const servers: RunningServer[] = [];
  for (const name of names) {
    try {
      const s = JSON.parse(await readFile(join(dir, name), "utf8")) as RunningServer;
      if (processAlive(s.pid)) servers.push(s);
      else await rm(join(dir, name), { force: true });
    } catch {
      // Half-written or removed meanwhile: not a server we can name.
    }
  }
  return servers;
}

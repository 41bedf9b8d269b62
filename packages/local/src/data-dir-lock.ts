/**
 * One server per data dir. s3rver and dynalite keep their files under the data dir and neither
 * expects a second writer: a second `npm start` on the same folder used to die deep inside
 * dynalite (LevelDB's LOCK) with a stack trace. The lock file `server.lock` is created with O_EXCL
 * (atomic on local file systems) and names the process holding it; a lock whose process is gone
 * (a crash, kill -9) is stale and taken over.
 */
import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { LocalStackError, processAlive } from "./local-stack-error";

export const LOCK_FILE = "server.lock";

export interface LockInfo {
  pid: number;
  startedAt: string;
  /** The server's URL, once it listens. */
  url?: string;
}

export interface DataDirLock {
  /** Records the server's URL in the lock, for the message a second server prints. */
  update(info: Partial<LockInfo>): Promise<void>;
  release(): Promise<void>;
}

export async function readLock(dataDir: string): Promise<LockInfo | undefined> {
  try {
    const value = JSON.parse(await readFile(join(dataDir, LOCK_FILE), "utf8")) as Partial<LockInfo>;
    return typeof value.pid === "number" && typeof value.startedAt === "string"
      ? (value as LockInfo)
      : undefined;
  } catch {
    return undefined;
  }
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE);
  let info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const file = await open(path, "wx", 0o600);
      try {
        await file.writeFile(JSON.stringify(info) + "\n");
      } finally {
        await file.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw e;
      const holder = await readLock(dataDir);
      if (holder && processAlive(holder.pid)) {
        const where = holder.url ? ` at ${holder.url}` : "";
        throw new LocalStackError(
          "DATA_DIR_IN_USE",
          `another isnad server (process ${holder.pid}${where}) is using the data dir ${dataDir}; ` +
            `stop it first, or give this one another folder: ISNAD_DATA_DIR=<folder> npm start`,
        );
      }
      await rm(path, { force: true }); // stale (its process is gone) or unreadable: take it over
    }
  }
  return {
    async update(more) {
      info = { ...info, ...more };
      const file = await open(path, "w", 0o600);
      try {
        await file.writeFile(JSON.stringify(info) + "\n");
      } finally {
        await file.close();
      }
    },
    async release() {
      const holder = await readLock(dataDir);
      if (holder?.pid === process.pid && holder.startedAt === info.startedAt) await rm(path, { force: true });
    },
  };
}

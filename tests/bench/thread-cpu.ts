/**
 * CPU time of this process's threads, from /proc/self/task/<tid>/stat (Linux, proc(5): utime and
 * stime, fields 14 and 15, in clock ticks of 10 ms): the main thread apart from the rest (the
 * emulator threads of the local stack, libuv's pool, V8's GC helpers). process.cpuUsage() adds
 * them all up, and a wall-clock profile on a loaded machine counts time the thread waited for a
 * core as time spent where it stood; CPU time per thread says what each side of a bench costs.
 */
import { readdirSync, readFileSync } from "node:fs";

export interface ThreadCpu {
  /** Milliseconds of CPU used by the main thread (the event loop: client, servers, SDK). */
  main: number;
  /** Milliseconds of CPU used by every other thread of the process. */
  others: number;
}

function ticksOf(tid: string): number {
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its ")".
  const fields = readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ").at(-1)!.split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

export function threadCpu(): ThreadCpu {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync("/proc/self/task")) {
    let ticks: number;
    try {
      ticks = ticksOf(tid);
    } catch {
      continue; // the thread ended between the listing and the read
    }
    if (Number(tid) === process.pid) main += ticks;
    else others += ticks;
  }
  return { main: main * 10, others: others * 10 };
}

/** CPU used since `before`. Threads that ended in between are not counted. */
export function threadCpuSince(before: ThreadCpu): ThreadCpu {
  const now = threadCpu();
  return { main: now.main - before.main, others: now.others - before.others };
}

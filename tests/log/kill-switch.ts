/**
 * Process death on our own ports: the n-th write fails before it reaches the store ("failed and
 * not persisted") or after ("failed but persisted"), and from then on every call of that process
 * fails, as a dead Lambda makes no more requests. Also transient failures (UNAVAILABLE), before
 * or after the call, for the retry paths. Unlike tests/support/faults.ts it counts deletes and
 * names each write's key, so the log's write order can be asserted.
 */
import { ArchiveError } from "@isnad/archive";

export type KillMode = "before" | "after";

const WRITES = new Set([
  "putImmutable",
  "putImmutableStream",
  "putMutable",
  "put",
  "putIfAbsent",
  "putIfVersion",
  "putMany",
  "delete",
  "deleteMany",
]);

export class Killed extends Error {
  constructor(readonly at: string) {
    super(`process killed at ${at}`);
  }
}

function describeWrite(store: string, method: string, args: unknown[]): string {
  // A batch write (putMany, deleteMany) is named by its first key.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const key = typeof first === "string" ? first : (first as { pk?: string })?.pk;
  return `${store}.${method} ${key ?? ""}`.trim();
}

export function killSwitch(failAt: number | undefined, mode: KillMode) {
  const writes: string[] = [];
  const state = { dead: false, killedAt: undefined as string | undefined };
  function wrap<T extends object>(store: T, name: string): T {
    return new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== "function") return value;
        const method = String(prop);
        return async (...args: unknown[]) => {
          if (state.dead) throw new Killed(`${name}.${method} after death`);
          if (!WRITES.has(method)) return (value as (...a: unknown[]) => unknown).apply(target, args);
          const index = writes.length;
          writes.push(describeWrite(name, method, args));
          const kill = () => {
            state.dead = true;
            state.killedAt = writes[index];
            return new Killed(writes[index]!);
          };
          if (index === failAt && mode === "before") throw kill();
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (index === failAt && mode === "after") throw kill();
          return result;
        };
      },
    });
  }
  return { wrap, writes, state };
}

/** Fails a fraction of all calls with a retryable UNAVAILABLE, half of them after the call ran. */
export function flaky<T extends object>(store: T, rate: number, random: () => number = Math.random): T {
  const unavailable = () =>
    new ArchiveError("UNAVAILABLE", "injected transient failure", { details: { retryable: true } });
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const roll = random();
        if (roll < rate / 2) throw unavailable();
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (roll < rate) throw unavailable();
        return result;
      };
    },
  });
}

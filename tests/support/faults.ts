/**
 * Fault injection on our own ports (allowed by the house rules: fakes of *our* ports, never of the
 * AWS SDK). Wraps a real store so that its n-th write fails either before it reaches the store
 * ("failed and not persisted") or after ("failed but persisted" — the process died before it
 * could act on the answer), as Tessera's and Sunlight's tests do.
 */
export type FaultMode = "before" | "after";

export interface WriteCounter {
  /** Writes seen so far, as `method` names. */
  readonly writes: string[];
}

const WRITE_METHODS = new Set([
  "putImmutable",
  "putImmutableStream",
  "putMutable",
  "put",
  "putMany",
  "putIfAbsent",
  "putIfVersion",
  "delete",
]);

export class InjectedFault extends Error {
  constructor(readonly at: string) {
    super(`injected fault at ${at}`);
  }
}

/**
 * Shares one write counter between several stores, so `failAt` indexes writes in the order the
 * use case makes them, whichever store they hit.
 */
export function faultPlan(failAt: number | undefined, mode: FaultMode) {
  const writes: string[] = [];
  function wrap<T extends object>(store: T, name: string): T {
    return new Proxy(store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== "function" || !WRITE_METHODS.has(String(prop))) {
          return typeof value === "function" ? value.bind(target) : value;
        }
        return async (...args: unknown[]) => {
          const index = writes.length;
          writes.push(`${name}.${String(prop)}`);
          if (index === failAt && mode === "before") throw new InjectedFault(writes[index]!);
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          if (index === failAt && mode === "after") throw new InjectedFault(writes[index]!);
          return result;
        };
      },
    });
  }
  return { wrap, writes };
}

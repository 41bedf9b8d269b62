/** Test helpers: run something that must fail with an IsnadError of a given code. Test-only. */
import { expect } from "vitest";
import { isIsnadError, type CoreErrorCode } from "../errors";

export function expectIsnadError(f: () => unknown, code: CoreErrorCode, message?: RegExp): void {
  let thrown: unknown = undefined;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  expect(isIsnadError(thrown, code), `expected IsnadError ${code}, got ${String(thrown)}`).toBe(true);
  if (message) expect((thrown as Error).message).toMatch(message);
}

export async function expectIsnadRejection(
  p: Promise<unknown>,
  code: CoreErrorCode,
  message?: RegExp,
): Promise<void> {
  let thrown: unknown = undefined;
  try {
    await p;
  } catch (e) {
    thrown = e;
  }
  expect(isIsnadError(thrown, code), `expected IsnadError ${code}, got ${String(thrown)}`).toBe(true);
  if (message) expect((thrown as Error).message).toMatch(message);
}

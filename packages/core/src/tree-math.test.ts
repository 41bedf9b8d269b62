import { describe, expect, it } from "vitest";
import { expectIsnadError } from "./__fixtures__/expect-error";
import {
  floorLog2,
  isIndex,
  isPowerOfTwo,
  largestPowerOfTwoBelow,
  shiftRight,
  splitStoredHashIndex,
  storedHashCount,
  storedHashIndex,
  subtreeIndexes,
} from "./tree-math";

function expectInvalid(f: () => unknown, message: RegExp): void {
  expectIsnadError(f, "INVALID_ARGUMENT", message);
}

describe("integer helpers", () => {
  it("accepts only non-negative safe integers as indexes", () => {
    expect([0, 1, Number.MAX_SAFE_INTEGER].every(isIndex)).toBe(true);
    expect([-1, 0.5, 2 ** 53, NaN, Infinity, "1", 1n, null].some(isIndex)).toBe(false);
  });

  it("shifts and takes powers of two beyond 32 bits exactly", () => {
    expect(shiftRight(2 ** 52 + 2, 1)).toBe(2 ** 51 + 1);
    expect(largestPowerOfTwoBelow(2)).toBe(1);
    expect(largestPowerOfTwoBelow(9)).toBe(8);
    expect(largestPowerOfTwoBelow(8)).toBe(4);
    expect(largestPowerOfTwoBelow(2 ** 40 + 1)).toBe(2 ** 40);
    expect(floorLog2(1)).toBe(0);
    expect(floorLog2(2 ** 52 + 5)).toBe(52);
    expect([1, 2, 4, 2 ** 50].every(isPowerOfTwo)).toBe(true);
    expect([0, 3, 6, 2 ** 50 + 2].some(isPowerOfTwo)).toBe(false);
  });
});

describe("stored hash numbering (golang.org/x/mod/sumdb/tlog)", () => {
  it("stores each leaf hash followed by the subtrees that leaf completes", () => {
    // Appending leaves 0..7 stores: 0 | 1 (0-1) | 2 | 3 (2-3) (0-3) | 4 | 5 (4-5) | 6 | 7 (6-7) (4-7) (0-7)
    const order: [number, number][] = [
      [0, 0],
      [0, 1],
      [1, 0],
      [0, 2],
      [0, 3],
      [1, 1],
      [2, 0],
      [0, 4],
      [0, 5],
      [1, 2],
      [0, 6],
      [0, 7],
      [1, 3],
      [2, 1],
      [3, 0],
    ];
    order.forEach(([level, n], index) => {
      expect(storedHashIndex(level, n), `level ${level}, n ${n}`).toBe(index);
      expect(splitStoredHashIndex(index)).toEqual({ level, n });
    });
    expect([0, 1, 2, 3, 4, 5, 8].map(storedHashCount)).toEqual([0, 1, 3, 4, 7, 8, 15]);
  });

  it("round-trips every index up to 5000 and large ones", () => {
    for (let index = 0; index < 5000; index++) {
      const { level, n } = splitStoredHashIndex(index);
      expect(storedHashIndex(level, n)).toBe(index);
    }
    for (const index of [2 ** 40, 2 ** 52 - 3, Number.MAX_SAFE_INTEGER - 64]) {
      const { level, n } = splitStoredHashIndex(index);
      expect(storedHashIndex(level, n)).toBe(index);
    }
    // The last leaf of a tree of 2^52 leaves still has a safe stored index; 2^53 leaves do not.
    expect(storedHashIndex(0, 2 ** 52 - 1)).toBe(2 ** 53 - 2 - 52);
    expect(storedHashCount(2 ** 52)).toBe(2 ** 53 - 1);
  });

  it("rejects levels, numbers and sizes out of range", () => {
    expectInvalid(() => storedHashIndex(-1, 0), /level -1/);
    expectInvalid(() => storedHashIndex(63, 0), /level 63/);
    expectInvalid(() => storedHashIndex(1.5, 0), /level 1.5/);
    expectInvalid(() => storedHashIndex(0, -1), /index -1/);
    expectInvalid(() => storedHashIndex(0, 2 ** 53), /index/);
    expectInvalid(() => storedHashIndex(40, 2 ** 20), /overflows/);
    expectInvalid(() => splitStoredHashIndex(-1), /not a stored hash index/);
    expectInvalid(() => storedHashCount(0.5), /not a tree size/);
    expectInvalid(() => storedHashCount(2 ** 53 - 1), /overflows/);
  });

  it("splits a range into its maximal complete subtrees, largest first", () => {
    expect(subtreeIndexes(0, 1)).toEqual([storedHashIndex(0, 0)]);
    expect(subtreeIndexes(0, 7)).toEqual([
      storedHashIndex(2, 0),
      storedHashIndex(1, 2),
      storedHashIndex(0, 6),
    ]);
    expect(subtreeIndexes(8, 13)).toEqual([storedHashIndex(2, 2), storedHashIndex(0, 12)]);
    expectInvalid(() => subtreeIndexes(3, 3), /not a subtree range/);
    expectInvalid(() => subtreeIndexes(-1, 3), /not a subtree range/);
    expectInvalid(() => subtreeIndexes(1, 4), /not a Merkle subtree range/);
  });
});

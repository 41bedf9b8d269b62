import { describe, expect, it } from "vitest";
import { ArchiveError } from "./errors";
import { isRetryable, withRetry } from "./retry";

const unavailable = (retryable?: boolean) =>
  new ArchiveError(
    "UNAVAILABLE",
    "S3 PutObject failed",
    retryable === undefined ? {} : { details: { retryable } },
  );

function fakeTime() {
  let t = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
  };
}

describe("withRetry", () => {
  it("retries transient UNAVAILABLE with growing, jittered, capped delays", async () => {
    const time = fakeTime();
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt < 4) throw unavailable(true);
        return "done";
      },
      { ...time, random: () => 1, baseDelayMs: 100, maxDelayMs: 250 },
    );
    expect(result).toBe("done");
    expect(calls).toBe(4);
    expect(time.slept).toEqual([100, 200, 250]);
  });

  it("gives up after the last attempt with the last error", async () => {
    const time = fakeTime();
    let calls = 0;
    const error = unavailable(true);
    await expect(
      withRetry(
        async () => {
          calls++;
          throw error;
        },
        { ...time, attempts: 3 },
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(3);
  });

  it("does not start an attempt past its time budget", async () => {
    const time = fakeTime();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          time.sleep(600);
          throw unavailable();
        },
        { ...time, random: () => 1, budgetMs: 1_000, attempts: 10 },
      ),
    ).rejects.toThrow("S3 PutObject");
    expect(calls).toBe(2);
  });

  it("never retries what retrying cannot fix", async () => {
    for (const error of [
      unavailable(false),
      new ArchiveError("BAD_REQUEST", "no"),
      new ArchiveError("INTEGRITY", "x"),
      new Error("bug"),
    ]) {
      let calls = 0;
      await expect(
        withRetry(async () => {
          calls++;
          throw error;
        }),
      ).rejects.toBe(error);
      expect(calls).toBe(1);
      expect(isRetryable(error)).toBe(false);
    }
    expect(isRetryable(unavailable())).toBe(true);
  });
});

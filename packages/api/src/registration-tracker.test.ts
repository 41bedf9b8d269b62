import { describe, expect, it } from "vitest";
import { RegistrationTracker, TIMED_OUT, within } from "./registration-tracker";

describe("within", () => {
  it("gives the value, TIMED_OUT, or the rejection", async () => {
    await expect(within(Promise.resolve(7), 1_000)).resolves.toBe(7);
    await expect(within(new Promise(() => {}), 5)).resolves.toBe(TIMED_OUT);
    await expect(within(Promise.reject(new Error("no")), 1_000)).rejects.toThrow("no");
  });
});

describe("RegistrationTracker", () => {
  it("knows what runs, and remembers how a registration failed until it is tried again", async () => {
    const tracker = new RegistrationTracker();
    let fail!: (e: Error) => void;
    const work = new Promise((_, reject) => (fail = reject));
    tracker.track("a", work);
    expect(tracker.isRunning("a")).toBe(true);
    expect(tracker.failure("a")).toBeUndefined();
    fail(new Error("disk full"));
    await work.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(tracker.isRunning("a")).toBe(false);
    expect(tracker.failure("a")).toEqual({ error: new Error("disk full") });
    tracker.track("a", Promise.resolve());
    expect(tracker.failure("a")).toBeUndefined();
  });

  it("keeps at most maxFailures failures, forgetting the oldest", async () => {
    const tracker = new RegistrationTracker(2);
    for (const id of ["a", "b", "c"]) tracker.track(id, Promise.reject(new Error(id)));
    await new Promise((r) => setTimeout(r, 0));
    expect(["a", "b", "c"].map((id) => tracker.failure(id) !== undefined)).toEqual([false, true, true]);
  });
});

import { describe, expect, it } from "vitest";
import { createDeadline, withDeadline } from "./deadline";
import { ExtractionError } from "./types";

describe("createDeadline", () => {
  it("throws once the budget is spent, and counts down", () => {
    let now = 1000;
    const deadline = createDeadline(50, () => now);
    expect(deadline.remainingMs()).toBe(50);
    now = 1050;
    expect(() => deadline.check()).not.toThrow();
    now = 1051;
    expect(() => deadline.check()).toThrow(new ExtractionError("failed", "timed out after 50 ms"));
    expect(deadline.remainingMs()).toBe(0);
  });
});

describe("withDeadline", () => {
  it("passes a prompt result through", async () => {
    await expect(withDeadline(Promise.resolve("done"), createDeadline(1000))).resolves.toBe("done");
  });

  it("abandons work that outlives the budget", async () => {
    const never = new Promise<string>(() => {});
    await expect(withDeadline(never, createDeadline(20))).rejects.toThrow("timed out after 20 ms");
  });
});

import { describe, expect, it } from "vitest";
import {
  DEVELOPMENT_OBJECT_LOCK_DAYS,
  MAX_UPLOAD_BYTES,
  PRODUCTION_OBJECT_LOCK_DAYS,
  isProductionStage,
  stageSettings,
} from "../../stacks/stage";

describe("isProductionStage", () => {
  it("knows prod and production, and nothing else", () => {
    expect(isProductionStage("prod")).toBe(true);
    expect(isProductionStage("production")).toBe(true);
    for (const stage of ["dev", "staging", "Prod", "prod-1", "pr-42", ""])
      expect(isProductionStage(stage)).toBe(false);
  });
});

describe("stageSettings", () => {
  it("passes witnesses, their policy and TSAs on only when set", () => {
    const env = { ISNAD_WITNESSES: "https://w.example w+01234567+BA==", ISNAD_TSA_URLS: "", PATH: "/bin" };
    expect(stageSettings("dev", env).anchors).toEqual({ ISNAD_WITNESSES: env.ISNAD_WITNESSES });
  });

  it("locks production originals for ten years and needs a log origin", () => {
    expect(stageSettings("prod", { ISNAD_LOG_ORIGIN: "archive.example.org/log" })).toEqual({
      stage: "prod",
      production: true,
      objectLockDays: PRODUCTION_OBJECT_LOCK_DAYS,
      logOrigin: "archive.example.org/log",
      maxUploadBytes: MAX_UPLOAD_BYTES,
      anchors: {},
    });
    expect(PRODUCTION_OBJECT_LOCK_DAYS).toBe(3650);
    expect(() => stageSettings("production", {})).toThrow(/ISNAD_LOG_ORIGIN/);
    expect(() => stageSettings("production", { ISNAD_LOG_ORIGIN: "" })).toThrow(/ISNAD_LOG_ORIGIN/);
  });

  it("locks development objects for a day under a .invalid origin", () => {
    expect(stageSettings("pr-42", {})).toMatchObject({
      production: false,
      objectLockDays: DEVELOPMENT_OBJECT_LOCK_DAYS,
      logOrigin: "isnad-pr-42.invalid/log",
    });
    expect(DEVELOPMENT_OBJECT_LOCK_DAYS).toBe(1);
  });

  it("lets ISNAD_OBJECT_LOCK_DAYS raise the retention but never lower production's", () => {
    expect(stageSettings("dev", { ISNAD_OBJECT_LOCK_DAYS: "30" }).objectLockDays).toBe(30);
    const prod = { ISNAD_LOG_ORIGIN: "archive.example.org/log" };
    expect(stageSettings("prod", { ...prod, ISNAD_OBJECT_LOCK_DAYS: "36500" }).objectLockDays).toBe(36500);
    expect(() => stageSettings("prod", { ...prod, ISNAD_OBJECT_LOCK_DAYS: "3649" })).toThrow(
      /below the 3650 days/,
    );
    for (const bad of ["0", "-1", "1.5", "1e3", " 30", "030", "36501", "days"]) {
      expect(() => stageSettings("dev", { ISNAD_OBJECT_LOCK_DAYS: bad })).toThrow(/whole number of days/);
    }
  });

  it("refuses an origin that cannot be a signed-note key name (C2SP tlog-checkpoint)", () => {
    for (const bad of [
      "archive.example.org/ log",
      "a+b.example/log",
      "https://archive.example.org/log",
      "log\u00a0x",
    ]) {
      expect(() => stageSettings("dev", { ISNAD_LOG_ORIGIN: bad })).toThrow(/schema-less URL/);
    }
    expect(stageSettings("dev", { ISNAD_LOG_ORIGIN: "dev.example.org/log" }).logOrigin).toBe(
      "dev.example.org/log",
    );
  });

  it("keeps a direct upload under the 6 MB Lambda payload once base64-encoded", () => {
    expect(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4).toBeLessThan(6 * 1000 * 1000);
  });
});

import { describe, expect, it } from "vitest";
import { ArchiveError } from "./errors";
import { withOcrErrorsAsArchiveErrors } from "./image-reader-errors";

const failing = (error: Error) => withOcrErrorsAsArchiveErrors({ read: () => Promise.reject(error) });
const named = (name: string, code?: string) => Object.assign(new Error("why"), { name, code });

describe("withOcrErrorsAsArchiveErrors", () => {
  it("turns the engine's coded refusals and its busy error into ArchiveErrors", async () => {
    const tooLarge = failing(named("OcrError", "TOO_LARGE")).read(new Uint8Array(1));
    await expect(tooLarge).rejects.toMatchObject({ name: "ArchiveError", code: "TOO_LARGE", message: "why" });
    await expect(failing(named("ExtractorBusyError")).read(new Uint8Array(1))).rejects.toMatchObject({
      code: "UNAVAILABLE",
    });
  });

  it("passes other errors through and results unchanged", async () => {
    const bug = new TypeError("a bug");
    await expect(failing(bug).read(new Uint8Array(1))).rejects.toBe(bug);
    await expect(failing(named("OcrError", "INTEGRITY")).read(new Uint8Array(1))).rejects.not.toBeInstanceOf(
      ArchiveError,
    );
    const result = { text: "", words: [], width: 1, height: 1, engine: "x" };
    await expect(
      withOcrErrorsAsArchiveErrors({ read: async () => result }).read(new Uint8Array(1)),
    ).resolves.toBe(result);
  });
});

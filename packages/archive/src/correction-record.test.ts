import { describe, expect, it } from "vitest";
import { currentMetadata, metadataDifferences, type StoredCorrection } from "./correction-record";

const record = {
  title: "Old",
  language: "en",
  publishedAt: null,
  sourceUrl: null,
  supersedes: null,
  translationOf: null,
};

const correction = (seq: number, changes: object, state: StoredCorrection["state"] = "committed") =>
  ({ state, record: { seq, changes } }) as unknown as StoredCorrection;

describe("corrections applied to a record", () => {
  it("applies committed corrections in seq order and ignores pending and refused ones", () => {
    const current = currentMetadata(record, [
      correction(2, { title: "Second" }),
      correction(1, { title: "First", publishedAt: "2024-05-01" }),
      correction(3, { title: "Pending" }, "pending"),
      correction(4, { language: "fr" }, "refused"),
    ]);
    expect(current).toMatchObject({ title: "Second", publishedAt: "2024-05-01", language: "en" });
    expect(currentMetadata(record, [correction(1, { title: null })]).title).toBeNull();
  });

  it("counts only the fields a re-upload sets as differences", () => {
    const sent = { ...record, title: null, language: "fr", publishedAt: "2024-05-01" };
    expect(metadataDifferences(record, sent)).toEqual([
      { field: "language", archived: "en", sent: "fr" },
      { field: "publishedAt", archived: null, sent: "2024-05-01" },
    ]);
    expect(metadataDifferences(record, { ...record, title: null, language: null })).toEqual([]);
  });
});

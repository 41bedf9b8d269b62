import { describe, expect, it } from "vitest";
import { cleanFields, cleanFilename } from "./ingest-input";
import { isArchiveError } from "./errors";

function rejects(fields: Parameters<typeof cleanFields>[0], field: string): void {
  try {
    cleanFields(fields);
    expect.unreachable(`${JSON.stringify(fields)} should be rejected`);
  } catch (e) {
    expect(isArchiveError(e, "BAD_REQUEST")).toBe(true);
    expect((e as Error).message.startsWith(`${field}:`)).toBe(true);
  }
}

describe("cleanFields", () => {
  it("trims, nulls empty fields and lower-cases language tags", () => {
    expect(cleanFields({ title: "  بيان  ", language: "AR", publishedAt: "", sourceUrl: undefined })).toEqual(
      {
        title: "بيان",
        language: "ar",
        publishedAt: null,
        sourceUrl: null,
        supersedes: null,
        translationOf: null,
      },
    );
  });

  it("accepts RFC 3339 dates and date-times, http(s) URLs and statement ids", () => {
    const ok = cleanFields({
      publishedAt: "2024-05-01T10:00:00+03:00",
      sourceUrl: "https://example.org/بيان?id=1",
      supersedes: "a".repeat(32),
      translationOf: "b".repeat(32),
      language: "fr-CA",
    });
    expect(ok.publishedAt).toBe("2024-05-01T10:00:00+03:00");
    expect(ok.supersedes).toBe("a".repeat(32));
  });

  it.each([
    [{ title: "x".repeat(501) }, "title"],
    [{ title: "evil\u202etxt.exe" }, "title"],
    [{ title: "bell\u0007" }, "title"],
    [{ language: "arabic language" }, "language"],
    [{ publishedAt: "2024-13-45" }, "publishedAt"],
    [{ publishedAt: "May 1st" }, "publishedAt"],
    [{ sourceUrl: "javascript:alert(1)" }, "sourceUrl"],
    [{ sourceUrl: "file:///etc/passwd" }, "sourceUrl"],
    [{ sourceUrl: "https://user:pw@example.org/" }, "sourceUrl"],
    [{ sourceUrl: "not a url" }, "sourceUrl"],
    [{ sourceUrl: "https://e.org/" + "a".repeat(2048) }, "sourceUrl"],
    [{ supersedes: "../x" }, "supersedes"],
    [{ translationOf: "A".repeat(32) }, "translationOf"],
  ])("rejects %j", (fields, field) => rejects(fields, field));
});

describe("cleanFilename", () => {
  it.each([
    ["report.pdf", "report.pdf"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\x\\بيان.docx", "بيان.docx"],
    ["evil\u202egnp.exe", "evilgnp.exe"],
    ["..", null],
    ["dir/", null],
    ["", null],
    [null, null],
  ])("%j → %j", (input, output) => expect(cleanFilename(input)).toBe(output));

  it("caps the length at 255", () => {
    expect(cleanFilename("a".repeat(400))).toHaveLength(255);
  });
});

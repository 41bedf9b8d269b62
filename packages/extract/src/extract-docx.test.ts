import { describe, expect, it } from "vitest";
import { extractText } from "./extract-text";
import { DOCX } from "./media-types";
import { documentXml, makeDocx } from "./testing/make-docx";
import { seedParagraphs } from "./testing/seed";
import { writeZip } from "./testing/zip-writer";

/** The quality report of a text with nothing damaged (text-quality-scan.ts). */
const CLEAN = {
  status: "ok",
  unmappedGlyphs: 0,
  replacementChars: 0,
  isolatedMarks: 0,
  reorderedRuns: 0,
  damaged: [],
};

describe("extractText: DOCX", () => {
  it("extracts the seed statement from a generated DOCX, words split over runs kept whole", async () => {
    const paragraphs = seedParagraphs();
    const docx = makeDocx({
      paragraphs,
      table: [
        ["المنطقة", "الخروقات"],
        ["درعا", "30"],
      ],
    });
    const result = await extractText(docx, DOCX);
    expect(result).toEqual({
      status: "ok",
      mediaType: DOCX,
      text: `${paragraphs.join("\n\n")}\n\nالمنطقة الخروقات\nدرعا 30`,
      warnings: [],
      quality: CLEAN,
    });
  });

  it("fails fast on a zip bomb, before mammoth inflates anything", async () => {
    const bomb = makeDocx({ paragraphs: ["نص"] }, [
      { name: "word/media/image1.png", data: new Uint8Array(64 << 20) },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    // The message says the ZIP's ratio check refused it: nothing was inflated (no timing asserted).
    const result = await extractText(bomb, DOCX);
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(
      /^unsafe or malformed ZIP: compression ratio \d+:1 for "word\/media\/image1.png"/,
    );
  });

  it("fails on an entry that lies about its size", async () => {
    const liar = writeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      {
        name: "word/document.xml",
        data: documentXml({ paragraphs: ["x".repeat(200_000)] }),
        declaredSize: 500,
      },
    ]);
    const result = await extractText(liar, DOCX);
    expect(result).toMatchObject({ status: "failed", text: "" });
    expect(result.message).toMatch(/"word\/document.xml" does not inflate to its declared size/);
  });

  it("fails with a clear message on broken or foreign archives", async () => {
    const noTypes = writeZip([{ name: "word/document.xml", data: documentXml({ paragraphs: ["x"] }) }]);
    expect(await extractText(noTypes, DOCX)).toMatchObject({
      status: "failed",
      message: "not an Office Open XML document: no [Content_Types].xml",
    });
    const noDocument = writeZip([{ name: "[Content_Types].xml", data: "<Types/>" }]);
    const missing = await extractText(noDocument, DOCX);
    expect(missing.status).toBe("failed");
    expect(missing.message).toMatch(/could not be read/);
    const garbage = await extractText(new TextEncoder().encode("PK\x03\x04garbage"), DOCX);
    expect(garbage).toMatchObject({
      status: "failed",
      message: "unsafe or malformed ZIP: no end of central directory record",
    });
    const emptyDocument = makeDocx({ paragraphs: [] });
    expect(await extractText(emptyDocument, DOCX)).toMatchObject({ status: "empty", message: "no text" });
  });
});

import { describe, expect, it } from "vitest";
import { PROVENANCE_STRINGS } from "../strings/provenance-strings";
import type { ProvenanceData } from "./provenance-data";
import { downloadsSection } from "./provenance-sections";

const record = (text: Record<string, unknown>) =>
  ({
    record: {
      id: "0123456789abcdef0123456789abcdef",
      original: { sha256: "ab".repeat(32), size: 1, mediaType: "image/png", filename: "shot.png" },
      text: { sha256: "cd".repeat(32), ...text },
    },
  }) as unknown as ProvenanceData;

describe("a text read by OCR on the provenance page (issue #18)", () => {
  it("says so beside the text, naming the engine, in English and Arabic", () => {
    const data = record({ status: "ocr", ocrEngine: "tesseract 5.3.0 (ara)" });
    const en = downloadsSection(data, PROVENANCE_STRINGS.en).toString();
    expect(en).toContain(
      'text read by OCR (<bdi dir="ltr">tesseract 5.3.0 (ara)</bdi>), may contain recognition errors',
    );
    const ar = downloadsSection(data, PROVENANCE_STRINGS.ar).toString();
    expect(ar).toContain('التعرّف الضوئي على الحروف (<bdi dir="ltr">tesseract 5.3.0 (ara)</bdi>)');
  });

  it("says nothing of OCR for an extracted text", () => {
    const en = downloadsSection(record({ status: "ok" }), PROVENANCE_STRINGS.en).toString();
    expect(en).toContain("The extracted text");
    expect(en).not.toContain("OCR");
  });
});

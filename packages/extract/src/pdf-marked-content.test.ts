import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { decodeTextString, markedContentReader, scanMarkedContent } from "./pdf-marked-content";

const bytes = (s: string): Uint8Array => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe("scanMarkedContent", () => {
  it("lists every BDC in order with its ActualText, as Chromium and LibreOffice write them", () => {
    const stream = bytes(
      [
        "/NonStruct <</MCID 0 >>BDC BT /ReversedChars BMC",
        "/Span<</ActualText <FEFF06290650> >> BDC /F4 24 Tf <01AE> Tj EMC",
        "/Span<</ActualText<FEFF064E0651>>>\nBDC 1 0 0 1 333.7 765.8 Tm <03>Tj EMC",
        "/OC /oc1 BDC (x) Tj EMC",
        "/Span <</Lang (ar) /ActualText (\\(l\\351\\)) >> BDC EMC",
        "EMC ET EMC",
      ].join("\n"),
    );
    expect(scanMarkedContent(stream)).toEqual([
      { tag: "NonStruct", actualText: null },
      { tag: "Span", actualText: "ةِ" },
      { tag: "Span", actualText: "َّ" },
      { tag: "OC", actualText: null },
      { tag: "Span", actualText: "(lé)" },
    ]);
  });

  it("skips inline image data, comments and strings that look like operators", () => {
    const stream = bytes(
      "% a comment /Span <</ActualText (no)>> BDC\n" +
        "(BDC) Tj [(a) 10 (b)] TJ\n" +
        "BI /W 2 /H 1 /BPC 8 /CS /G ID \u0000BDC\u00ff EI\n" +
        "/Span <</ActualText <FEFF0644064E> /Alt [1 2 <<>>] >> BDC EMC",
    );
    expect(scanMarkedContent(stream)).toEqual([{ tag: "Span", actualText: "لَ" }]);
  });

  it("survives truncated and malformed content without throwing", () => {
    for (const s of [
      "/Span <</ActualText <FEFF06",
      "/Span << /ActualText (abc",
      "BI ID \u0001\u0002",
      ">> ] ) BDC",
    ]) {
      expect(() => scanMarkedContent(bytes(s))).not.toThrow();
    }
  });
});

describe("decodeTextString", () => {
  it("reads UTF-16BE and UTF-8 with a byte order mark, else PDFDocEncoding", () => {
    expect(decodeTextString(new Uint8Array([0xfe, 0xff, 0x06, 0x27, 0x06, 0x44]))).toBe("ال");
    expect(decodeTextString(new Uint8Array([0xef, 0xbb, 0xbf, 0xd8, 0xa7]))).toBe("ا");
    expect(decodeTextString(bytes("caf\u00e9"))).toBe("café");
  });
});

describe("markedContentReader", () => {
  it("reads a page's content stream through pdf-lib, once per document", async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    page.drawText("hello", { font: await doc.embedFont(StandardFonts.Helvetica) });
    const read = markedContentReader(await doc.save());
    expect(await read(0)).toEqual([]);
    expect(await read(5)).toBeUndefined();
    expect(await markedContentReader(bytes("not a pdf"))(0)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { DOCX, HTML, MARKDOWN, PDF, PLAIN, parseMediaType } from "./media-types";
import { sniffMediaType } from "./sniff-media-type";
import { encodeCp1256 } from "./testing/cp1256";
import { makeDocx } from "./testing/make-docx";
import { makeStatementPage } from "./testing/make-html";
import { makeLatinPdf } from "./testing/make-pdf";
import { writeZip } from "./testing/zip-writer";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("sniffMediaType", () => {
  it("trusts magic bytes over the declared type", async () => {
    expect(sniffMediaType(await makeLatinPdf(["x"]), "text/html")).toBe(PDF);
    expect(sniffMediaType(makeDocx({ paragraphs: ["x"] }), "application/octet-stream", "a.bin")).toBe(DOCX);
    expect(sniffMediaType(utf8(makeStatementPage(["عنوان"])), "application/pdf")).toBe(HTML);
  });

  it("finds a PDF header after leading junk (within 1024 bytes), as readers do", () => {
    expect(sniffMediaType(utf8(`${" ".repeat(100)}%PDF-1.7\n`))).toBe(PDF);
    expect(sniffMediaType(utf8(`${" ".repeat(1100)}%PDF-1.7\n`))).toBe(PLAIN);
  });

  it("tells a DOCX from any other ZIP, keeping a claimed DOCX so that its extraction can fail", () => {
    const zip = writeZip([{ name: "a.txt", data: "x" }]);
    expect(sniffMediaType(zip, "application/zip")).toBe("application/zip");
    expect(sniffMediaType(zip)).toBe("application/zip");
    expect(sniffMediaType(zip, DOCX)).toBe(DOCX);
    expect(sniffMediaType(utf8("PK\x03\x04broken"), undefined, "bomb.DOCX")).toBe(DOCX);
  });

  it.each([
    ["<!DOCTYPE html><p>x"],
    ["\ufeff\n  <html lang=ar>"],
    ["<HEAD><title>x</title>"],
    ['<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'],
  ])("recognises HTML: %j", (text) => {
    expect(sniffMediaType(utf8(text), "text/plain")).toBe(HTML);
  });

  it("recognises text, Markdown by declared type or file name, and legacy Arabic", () => {
    expect(sniffMediaType(utf8("# بيان\n\nنص"))).toBe(PLAIN);
    expect(sniffMediaType(utf8("# بيان"), "text/markdown; charset=utf-8")).toBe(MARKDOWN);
    expect(sniffMediaType(utf8("# بيان"), undefined, "statement.MD")).toBe(MARKDOWN);
    expect(sniffMediaType(encodeCp1256("بيان صحفي"), "application/octet-stream")).toBe(PLAIN);
    expect(sniffMediaType(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toBe(PLAIN);
    expect(sniffMediaType(new Uint8Array(0))).toBe(PLAIN);
  });

  it("judges a sample that ends inside a multi-byte character as text", () => {
    const arabic = utf8("ب".repeat(40_000)); // 80,000 bytes: the 64 KiB sample cuts no character
    expect(sniffMediaType(utf8("x" + "ب".repeat(40_000)))).toBe(PLAIN); // here it cuts one
    expect(sniffMediaType(arabic)).toBe(PLAIN);
  });

  it("calls binary it does not know application/octet-stream, whatever was declared", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(sniffMediaType(png, "Image/PNG")).toBe("application/octet-stream");
    expect(sniffMediaType(png, "<script>alert(1)</script>")).toBe("application/octet-stream");
    expect(sniffMediaType(png, "application/pdf", "x.pdf")).toBe("application/octet-stream");
    expect(sniffMediaType(png)).toBe("application/octet-stream");
  });

  it("confirms an image (for OCR) only by a header that parses to a size", () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const size = [0, 0, 3, 0, 0, 0, 2, 0, 8, 2, 0, 0, 0];
    expect(sniffMediaType(new Uint8Array([...png, ...size]), "application/pdf")).toBe("image/png");
    expect(sniffMediaType(new Uint8Array([...png, ...size.map(() => 0)]))).toBe("application/octet-stream");
  });
});

describe("parseMediaType", () => {
  it("splits essence and charset (RFC 9110 §8.3.1)", () => {
    expect(parseMediaType('Text/HTML; Charset="windows-1256"; q=1')).toEqual({
      essence: "text/html",
      charset: "windows-1256",
    });
    expect(parseMediaType("text/plain;format=flowed")).toEqual({ essence: "text/plain" });
    expect(parseMediaType(undefined)).toEqual({ essence: "" });
  });
});

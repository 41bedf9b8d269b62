import { describe, expect, it } from "vitest";
import { MULTIPART_LIMITS, checkMultipartShape, parseBoundary } from "./multipart-limits";

const body = (boundary: string, parts: string[]) =>
  new TextEncoder().encode(parts.map((p) => `--${boundary}\r\n${p}\r\n`).join("") + `--${boundary}--\r\n`);
const field = (name: string, value = "v") => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;

describe("multipart limits", () => {
  it("reads the boundary, quoted or not", () => {
    expect(parseBoundary("multipart/form-data; boundary=abc")).toBe("abc");
    expect(parseBoundary('multipart/form-data; charset=x; BOUNDARY="a b"')).toBe("a b");
    expect(parseBoundary("multipart/form-data")).toBeUndefined();
    expect(parseBoundary("multipart/form-data; boundary=")).toBeUndefined();
  });

  it("accepts what a browser sends, and a body as FormData serializes it", async () => {
    const form = new FormData();
    form.set("file", new File(["x"], "a.txt"));
    form.set("title", "t");
    const req = new Request("http://x/", { method: "POST", body: form });
    const raw = new Uint8Array(await req.arrayBuffer());
    expect(() => checkMultipartShape(raw, req.headers.get("content-type")!)).not.toThrow();
    expect(() =>
      checkMultipartShape(body("b", [field("file"), field("title")]), "multipart/form-data; boundary=b"),
    ).not.toThrow();
  });

  it("refuses too many parts, endless part headers and a missing or overlong boundary", () => {
    const many = body(
      "b",
      Array.from({ length: MULTIPART_LIMITS.maxParts + 1 }, (_, i) => field(`f${i}`)),
    );
    expect(() => checkMultipartShape(many, "multipart/form-data; boundary=b")).toThrow(/more than 16 parts/);
    const longHeader = body("b", [`X-Junk: ${"a".repeat(9000)}\r\n${field("file")}`]);
    expect(() => checkMultipartShape(longHeader, "multipart/form-data; boundary=b")).toThrow(
      /headers are longer/,
    );
    const unterminated = new TextEncoder().encode("--b\r\nContent-Disposition: form-data; name=file");
    expect(() => checkMultipartShape(unterminated, "multipart/form-data; boundary=b")).toThrow(/never end/);
    expect(() => checkMultipartShape(many, "multipart/form-data")).toThrow(/no boundary/);
    expect(() => checkMultipartShape(many, `multipart/form-data; boundary=${"x".repeat(71)}`)).toThrow(/70/);
  });
});

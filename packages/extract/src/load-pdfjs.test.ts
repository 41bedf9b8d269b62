import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { loadPdfjs } from "./load-pdfjs";

describe("loadPdfjs", () => {
  it("loads pdf.js without the native canvas addon it would render with (Skia, ~37 MB of RSS)", async () => {
    const pdfjs = await loadPdfjs();
    expect(typeof pdfjs.getDocument).toBe("function");
    expect(() => createRequire(import.meta.url)("@napi-rs/canvas")).toThrow(/not loaded/);
    // The mapped shared objects of this process (Linux, where the suites run).
    if (existsSync("/proc/self/maps")) expect(readFileSync("/proc/self/maps", "utf8")).not.toMatch(/skia/);
  });
});

import { describe, expect, it } from "vitest";
import { createProgress, formatBytes, formatProgressLine } from "./progress";

function sink(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, columns: 80, write: (t: string) => written.push(t) };
}

describe("progress", () => {
  it("redraws a bar on a terminal, at most every 100 ms, and ends the line", () => {
    const s = sink(true);
    let clock = 0;
    const p = createProgress("uploading a.pdf", 1000, { json: false, sink: s, now: () => clock });
    p.advance(100);
    p.advance(100); // same instant: not redrawn
    clock = 150;
    p.advance(300);
    p.finish();
    expect(s.written).toHaveLength(4);
    expect(s.written[0]).toMatch(/^\ruploading a\.pdf \[#+·+\] {2}10%/);
    expect(s.written[1]).toContain(" 50%");
    expect(s.written[2]).toContain("100%");
    expect(s.written[3]).toBe("\n");
  });

  it("ends a bar cut short on its own line, once", () => {
    const s = sink(true);
    const p = createProgress("x", 10, { json: false, sink: s, now: () => 0 });
    p.advance(1);
    p.abort();
    p.abort();
    expect(s.written.slice(1)).toEqual(["\n"]);
  });

  it("writes two plain lines when stderr is not a terminal, and nothing with --json", () => {
    const plain = sink(false);
    const p = createProgress("hashing b.txt", 2048, { json: false, sink: plain });
    p.advance(2048);
    p.finish();
    expect(plain.written).toEqual(["hashing b.txt (2.0 KB)…\n", "hashing b.txt: done\n"]);
    const quiet = sink(true);
    const q = createProgress("x", 10, { json: true, sink: quiet });
    q.advance(10);
    q.finish();
    expect(quiet.written).toEqual([]);
  });

  it("fits the bar into narrow terminals and formats sizes", () => {
    expect(formatProgressLine("l", 0, 0, 20)).toContain("100%");
    expect(formatProgressLine("l", 5, 10, 20)).toMatch(/\[#{5}·{5}\]/);
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.0 GB");
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { utf8Offsets } from "./utf8-offsets";

describe("utf8Offsets", () => {
  it("counts 1, 2, 3 and 4 bytes per character, and 3 for a lone surrogate (encoded as U+FFFD)", () => {
    const text = "a\u00e9\u0627\u{1F600}b\ud800c";
    expect(utf8Offsets(text, [0, 1, 2, 3, 5, 6, 7])).toEqual([0, 1, 3, 5, 9, 10, 13]);
  });

  it("property: agrees with TextEncoder on every prefix", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 40 }), (text) => {
        const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
        const got = utf8Offsets(text, offsets);
        offsets.forEach((at, i) => {
          // Never split a surrogate pair: TextEncoder would encode half of one as U+FFFD.
          const code = text.charCodeAt(at - 1);
          if (code >= 0xd800 && code <= 0xdbff) return;
          expect(got[i]).toBe(new TextEncoder().encode(text.slice(0, at)).length);
        });
      }),
    );
  });
});

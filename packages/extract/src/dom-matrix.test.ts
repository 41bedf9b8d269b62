import { describe, expect, it } from "vitest";
import { AffineMatrix, ensureDomMatrix } from "./dom-matrix";

const values = (m: AffineMatrix): number[] => [m.a, m.b, m.c, m.d, m.e, m.f];

describe("AffineMatrix", () => {
  it("starts as the identity, or from six values", () => {
    expect(new AffineMatrix().isIdentity).toBe(true);
    expect(values(new AffineMatrix([2, 0, 0, 3, 4, 5]))).toEqual([2, 0, 0, 3, 4, 5]);
  });

  it("scales then translates as pdf.js's image-to-path code expects (post-multiplication)", () => {
    // scale(1/w, -1/h) then translate(0, -h): maps (x, y) to (x/w, (h - y)/h).
    const m = new AffineMatrix().scaleSelf(1 / 4, -1 / 2).translateSelf(0, -2);
    const apply = (x: number, y: number): number[] => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
    expect(apply(4, 0)).toEqual([1, 1]);
    expect(apply(0, 2)).toEqual([0, 0]);
  });

  it("multiplies on either side and inverts", () => {
    const t = new AffineMatrix([1, 0, 0, 1, 10, 20]);
    const s = new AffineMatrix([2, 0, 0, 2, 0, 0]);
    expect(values(new AffineMatrix(values(t)).multiplySelf(s))).toEqual([2, 0, 0, 2, 10, 20]);
    expect(values(new AffineMatrix(values(t)).preMultiplySelf(s))).toEqual([2, 0, 0, 2, 20, 40]);
    const m = new AffineMatrix([2, 1, 1, 3, 5, 7]);
    expect(
      values(new AffineMatrix(values(m)).invertSelf().multiplySelf(m)).map(
        (v) => Math.round(v * 1e12) / 1e12 + 0, // + 0 turns -0 into 0
      ),
    ).toEqual([1, 0, 0, 1, 0, 0]);
    expect(new AffineMatrix([0, 0, 0, 0, 0, 0]).invertSelf().a).toBeNaN();
  });

  it("is installed only where DOMMatrix is missing", () => {
    const global = globalThis as { DOMMatrix?: unknown };
    const before = global.DOMMatrix;
    ensureDomMatrix();
    expect(global.DOMMatrix).toBe(before ?? AffineMatrix);
  });
});

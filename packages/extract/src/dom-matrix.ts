/**
 * A 2-D affine DOMMatrix (Geometry Interfaces §6), just enough for pdf.js's text path. Node has no
 * DOMMatrix; pdf.js's legacy build creates one when its module loads and otherwise borrows it from
 * the native @napi-rs/canvas package, which a bundled Lambda does not ship. Matrices are
 * [a c e; b d f; 0 0 1], as in the spec.
 */
type Six = [number, number, number, number, number, number];

export class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  readonly is2D = true;

  constructor(init?: ArrayLike<number>) {
    if (init && init.length >= 6) this.set([init[0], init[1], init[2], init[3], init[4], init[5]] as Six);
  }

  get isIdentity(): boolean {
    return this.a === 1 && this.b === 0 && this.c === 0 && this.d === 1 && this.e === 0 && this.f === 0;
  }

  /** this = this × other */
  multiplySelf(other: AffineMatrix): this {
    return this.set(multiply(this, other));
  }

  /** this = other × this */
  preMultiplySelf(other: AffineMatrix): this {
    return this.set(multiply(other, this));
  }

  translateSelf(tx = 0, ty = 0): this {
    return this.multiplySelf(new AffineMatrix([1, 0, 0, 1, tx, ty]));
  }

  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf(new AffineMatrix([sx, 0, 0, sy, 0, 0]));
  }

  invertSelf(): this {
    const det = this.a * this.d - this.b * this.c;
    if (det === 0) return this.set([NaN, NaN, NaN, NaN, NaN, NaN]);
    const { a, b, c, d, e, f } = this;
    return this.set([d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det]);
  }

  private set(values: Six): this {
    [this.a, this.b, this.c, this.d, this.e, this.f] = values;
    return this;
  }
}

function multiply(m: AffineMatrix, n: AffineMatrix): Six {
  return [
    m.a * n.a + m.c * n.b,
    m.b * n.a + m.d * n.b,
    m.a * n.c + m.c * n.d,
    m.b * n.c + m.d * n.d,
    m.a * n.e + m.c * n.f + m.e,
    m.b * n.e + m.d * n.f + m.f,
  ];
}

/** Installs AffineMatrix as globalThis.DOMMatrix where the runtime has none. */
export function ensureDomMatrix(): void {
  const global = globalThis as { DOMMatrix?: unknown };
  global.DOMMatrix ??= AffineMatrix;
}

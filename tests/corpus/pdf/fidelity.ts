/**
 * Character error rate (CER) of an extracted text against the text it was made from: the
 * Levenshtein distance over code points divided by the length of the expected text, as in OCR
 * evaluation (ISRI / ocreval). "raw" compares the texts with runs of whitespace made one space
 * (line breaks fall wherever the PDF wraps); "normalized" compares core's normalizeText of both
 * (what quote matching sees: no tashkeel, folded letters). A lost letter is a letter of the
 * normalized expected text that the alignment deletes or substitutes.
 */
import { normalizeText } from "@isnad/core";

export interface Fidelity {
  /** Code points of the expected text (raw) and their edit distance to the extracted text. */
  rawLength: number;
  rawErrors: number;
  normalizedLength: number;
  normalizedErrors: number;
  /** Letters (\p{L}) of the normalized expected text missing or changed in the extracted text. */
  lostLetters: number;
  /** A few differences, for a human: "expected → extracted" around each. */
  samples: string[];
}

export function cer(f: Pick<Fidelity, "rawErrors" | "rawLength">): number {
  return f.rawLength === 0 ? 0 : f.rawErrors / f.rawLength;
}

export function normalizedCer(f: Fidelity): number {
  return f.normalizedLength === 0 ? 0 : f.normalizedErrors / f.normalizedLength;
}

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

export function measureFidelity(extracted: string, expected: string): Fidelity {
  const raw = align([...collapse(expected.normalize("NFC"))], [...collapse(extracted.normalize("NFC"))]);
  const norm = align([...normalizeText(expected)], [...normalizeText(extracted)]);
  return {
    rawLength: raw.expected.length,
    rawErrors: raw.distance,
    normalizedLength: norm.expected.length,
    normalizedErrors: norm.distance,
    lostLetters: norm.lost.filter((i) => /\p{L}/u.test(norm.expected[i] ?? "")).length,
    samples: samplesOf(raw),
  };
}

interface Alignment {
  expected: string[];
  actual: string[];
  distance: number;
  /** Indexes of expected code points deleted or substituted. */
  lost: number[];
  /** [expected index, actual index] where each edit starts. */
  edits: [number, number][];
}

/** Wagner–Fischer with a full table (the corpus texts are a few thousand code points). */
function align(expected: string[], actual: string[]): Alignment {
  const n = expected.length;
  const m = actual.length;
  const d = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => i * (m + 1) + j;
  for (let i = 0; i <= n; i++) d[at(i, 0)] = i;
  for (let j = 0; j <= m; j++) d[at(0, j)] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const same = expected[i - 1] === actual[j - 1] ? 0 : 1;
      d[at(i, j)] = Math.min(d[at(i - 1, j)]! + 1, d[at(i, j - 1)]! + 1, d[at(i - 1, j - 1)]! + same);
    }
  }
  const lost: number[] = [];
  const edits: [number, number][] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = d[at(i, j)]!;
    if (i > 0 && j > 0 && here === d[at(i - 1, j - 1)]! + (expected[i - 1] === actual[j - 1] ? 0 : 1)) {
      if (expected[i - 1] !== actual[j - 1]) {
        lost.push(i - 1);
        edits.push([i - 1, j - 1]);
      }
      i--;
      j--;
    } else if (i > 0 && here === d[at(i - 1, j)]! + 1) {
      lost.push(i - 1);
      edits.push([i - 1, j]);
      i--;
    } else {
      edits.push([i, j - 1]);
      j--;
    }
  }
  return { expected, actual, distance: d[at(n, m)]!, lost, edits: edits.reverse() };
}

function samplesOf(a: Alignment, max = 8): string[] {
  const samples: string[] = [];
  let lastExpected = -100;
  for (const [i, j] of a.edits) {
    if (i - lastExpected < 12) continue;
    lastExpected = i;
    const want = a.expected.slice(Math.max(0, i - 8), i + 8).join("");
    const got = a.actual.slice(Math.max(0, j - 8), j + 8).join("");
    samples.push(`${JSON.stringify(want)} → ${JSON.stringify(got)}`);
    if (samples.length === max) break;
  }
  return samples;
}

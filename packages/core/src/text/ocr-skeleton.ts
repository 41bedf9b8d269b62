/**
 * What OCR cannot tell apart (issue #18): the skeleton of a written word, so that a difference
 * between a screenshot's words as read and the original's is recognised as an OCR confusion when
 * both have the same skeleton, and as a real change when they do not.
 *
 * Arabic: the skeleton is the rasm, the letters without their dots (i‘jām) — what an engine sees
 * when it misses a dot or adds one. Letter shapes depend on the joining position (Unicode §9.2,
 * ArabicShaping.txt: dual-joining letters take initial/medial forms when a joining letter
 * follows), so the rasm is taken per position:
 *   ب ت ث ن ي ى ئ  connected to the next letter are one tooth "ٮ"; alone or final, ب ت ث are "ٮ",
 *                  ن is "ں" and ي ى ئ are "ى" (ئ↔ث measured on renders of the seed);
 *   ج ح خ "ح" · د ذ "د" · ر ز "ر" · س ش "س" · ص ض "ص" · ط ظ "ط" · ف ق "ڡ" (final ق "ٯ") ·
 *   ع غ "ع", but between two connections both are the small closed loop of medial ف/ق, so "ڡ"
 *   (ف↔غ measured); ة and ه "ه"; و ؤ "و"; the alefs, and ل connected to the next letter (a
 *   vertical stroke then: "ولن" read as "وان", measured), "|".
 *   Hamza (ء, and above or below a letter) and all marks are left out: the Arabic comma "،" is read
 *   as a ء glued to the word before it (measured), and hamza seats are what an engine drops first.
 * Latin and digits: lookalike glyphs read one for another — l, i, I, 1, | and the alef (a vertical
 * stroke), o, O and 0 — and the pairs rn→m, vv→w, cl→d. Other digits keep their value, so a
 * number that changed ("2015" → "2016") never has the skeleton of the original.
 * Punctuation and spaces are left out (an engine moves and invents them); case is folded.
 *
 * Pure and linear; reused by the alignment per token and by the verdict per difference.
 */
import { foldCodePoint, BOUNDARY, HAMZA_ABOVE } from "./normalize";

/** Letters that join on both sides (ArabicShaping.txt joining type D), after folding. */
const DUAL = new Set([..."بتثنيىئجحخسشصضطظعغفقكلمهـ"]);
/** Letters that join only to the letter before them (type R), after folding. */
const RIGHT = new Set([..."اأإآٱدذرزوؤة"]);

/** The rasm of a letter connected to the next one (initial or medial form). */
const CONNECTED: Record<string, string> = {
  ب: "ٮ",
  ت: "ٮ",
  ث: "ٮ",
  ن: "ٮ",
  ي: "ٮ",
  ى: "ٮ",
  ئ: "ٮ",
  ف: "ڡ",
  ق: "ڡ",
  ل: "|",
};
/** The rasm of a letter not connected to the next one (final or isolated form). */
const FINAL: Record<string, string> = {
  ب: "ٮ",
  ت: "ٮ",
  ث: "ٮ",
  ن: "ں",
  ي: "ى",
  ى: "ى",
  ئ: "ى",
  ف: "ڡ",
  ق: "ٯ",
};
/** The rasm of letters whose shape does not depend on their position here. */
const ANY: Record<string, string> = {
  ج: "ح",
  ح: "ح",
  خ: "ح",
  د: "د",
  ذ: "د",
  ر: "ر",
  ز: "ر",
  س: "س",
  ش: "س",
  ص: "ص",
  ض: "ص",
  ط: "ط",
  ظ: "ط",
  ع: "ع",
  غ: "ع",
  ة: "ه",
  ه: "ه",
  و: "و",
  ؤ: "و",
  ا: "|",
  أ: "|",
  إ: "|",
  آ: "|",
  ٱ: "|",
  // Latin and digit lookalikes (see the module comment).
  l: "|",
  i: "|",
  "1": "|",
  "0": "o",
  "|": "|",
};

const LATIN_PAIRS: [RegExp, string][] = [
  [/rn/g, "m"],
  [/vv/g, "w"],
  [/c\|/g, "d"], // "cl", with l already a stroke
];

/** One written letter after folding, and whether a word break precedes it. */
interface Glyph {
  ch: string;
  breakBefore: boolean;
}

/** The letters of `text` folded as tokens are (case, compatibility forms, digits), hamza kept apart. */
function glyphs(text: string): Glyph[] {
  const out: Glyph[] = [];
  let pendingBreak = true;
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    // "|" is a symbol (a token boundary) that OCR gives for l or ا: keep it as a stroke.
    if (c === "|") {
      out.push({ ch: "|", breakBefore: pendingBreak });
      pendingBreak = false;
      continue;
    }
    for (const f of foldCodePoint(cp).out) {
      if (f === BOUNDARY) pendingBreak = true;
      else if (f === HAMZA_ABOVE) {
        // ئ arrives as ي + hamza above, ؤ as و + hamza: the seat letter is what is drawn.
      } else {
        out.push({ ch: f, breakBefore: pendingBreak });
        pendingBreak = false;
      }
    }
  }
  return out;
}

/** The skeleton of `text`: see the module comment. Words are concatenated, punctuation dropped. */
export function ocrSkeleton(text: string): string {
  const g = glyphs(text);
  const joinsNext = (i: number): boolean => {
    const next = g[i + 1];
    return (
      DUAL.has(g[i]!.ch) &&
      next !== undefined &&
      !next.breakBefore &&
      (DUAL.has(next.ch) || RIGHT.has(next.ch))
    );
  };
  let out = "";
  for (let i = 0; i < g.length; i++) {
    const { ch } = g[i]!;
    if (ch === "ء" || ch === "ـ") continue; // hamza and tatweel: no shape of their own that OCR keeps
    const connected = joinsNext(i);
    const prevJoins = i > 0 && !g[i]!.breakBefore && joinsNext(i - 1);
    if ((ch === "ع" || ch === "غ") && connected && prevJoins) out += "ڡ";
    else out += (connected ? CONNECTED[ch] : FINAL[ch]) ?? ANY[ch] ?? ch;
  }
  for (const [pattern, to] of LATIN_PAIRS) out = out.replace(pattern, to);
  return out;
}

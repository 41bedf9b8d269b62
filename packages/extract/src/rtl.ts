/**
 * Character classes as pdf.js's bidi() (src/core/bidi.js) sees them: it reverses every text item
 * whose characters are mostly right-to-left, and only characters of these classes end up at level 1
 * (R, AL, and NSM marks following them); digits (AN/EN), separators and Latin stay in their runs.
 */
const ARABIC_NOT_LEVEL_1 = new Set([
  0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x0606, 0x0607, 0x0609, 0x060a, 0x060c, 0x060e, 0x060f,
  0x061d, 0x066a, 0x066b, 0x066c, 0x06dd, 0x06de, 0x06e9,
]);

/** True for a code unit pdf.js puts at embedding level 1 inside a right-to-left item. */
export function isRtlLevelChar(code: number): boolean {
  if (code >= 0x0590 && code <= 0x05f4) return true;
  if (code >= 0x0600 && code <= 0x06ff) {
    const digit = (code >= 0x0660 && code <= 0x0669) || (code >= 0x06f0 && code <= 0x06f9);
    return !digit && !ARABIC_NOT_LEVEL_1.has(code);
  }
  return (
    (code >= 0x0700 && code <= 0x08ac) ||
    (code >= 0xfb50 && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfeff)
  );
}

const STRONG_RTL =
  /[\u0590-\u05ff\u0608\u060b\u060d\u061b-\u064a\u066d-\u066f\u0671-\u06d5\u06e5\u06e6\u06ee\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/gu;
const LETTER = /\p{L}/gu;

/** Counts of strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana…) and of other letters. */
export function countStrong(text: string): { rtl: number; ltr: number } {
  const rtl = text.match(STRONG_RTL)?.length ?? 0;
  return { rtl, ltr: (text.match(LETTER)?.length ?? 0) - rtl };
}

export function hasRtl(text: string): boolean {
  return countStrong(text).rtl > 0;
}

const DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/u;
const LATIN_LETTER = /[\p{L}\p{M}]/u;
// UAX #9 W4: one common separator between two numbers joins them ("1,250,000", "87.5", "15/3").
const NUMBER_SEPARATOR = /^[,.:/\u060c\u066b\u066c]$/u;

const TERMINATOR = /^[%\u066a\u2030\u2031\u00b0#$\u00a2-\u00a5\u20a0-\u20cf]$/u;

type Level = "L" | "N" | "D"; // a left-to-right letter, a neutral, a digit

/**
 * The logical order of a piece that holds no right-to-left letter but stands in right-to-left
 * text, from its visual order (which pdf.js keeps for such pieces). In an Arabic paragraph digits
 * are Arabic numbers (UAX #9 W2) and neutrals next to them or at a Latin run's edge take the
 * paragraph's direction (N1, N2), so the piece is a row of left-to-right runs — Latin words with
 * the neutrals between their letters, numbers with one separator between digits — laid out right
 * to left with the other neutrals: ".COVAX" is "COVAX.", "-0199" is "0199-", ".11-555" is "555-11.";
 * a percent or currency sign next to a number stays with it (W5).
 */
export function logicalInRtl(visual: string): string {
  const chars = [...visual];
  const level: Level[] = chars.map((c) => (DIGIT.test(c) ? "D" : LATIN_LETTER.test(c) ? "L" : "N"));
  // Neutrals between two Latin letters belong to the Latin run; one separator between digits to the number.
  for (let i = 0; i < chars.length; i++) {
    if (level[i] !== "N") continue;
    let j = i;
    while (j < chars.length && level[j] === "N") j++;
    const before = level[i - 1];
    const after = level[j];
    if (before === "L" && after === "L") level.fill("L", i, j);
    else if (before === "D" && after === "D" && j - i === 1 && NUMBER_SEPARATOR.test(chars[i] ?? ""))
      level[i] = "D";
    else {
      // W5: terminators (% ‰ ° currency signs) next to a number are part of it ("91%").
      for (let k = i; k < j && before === "D" && TERMINATOR.test(chars[k] ?? ""); k++) level[k] = "D";
      for (let k = j - 1; k >= i && after === "D" && TERMINATOR.test(chars[k] ?? ""); k--) level[k] = "D";
    }
    i = j - 1;
  }
  const runs: string[] = [];
  for (let i = 0; i < chars.length;) {
    let j = i + 1;
    if (level[i] === "N") {
      runs.push(chars[i] ?? ""); // neutrals at level 1: one character each, reversed below
    } else {
      while (j < chars.length && level[j] === level[i]) j++;
      runs.push(chars.slice(i, j).join(""));
    }
    i = j;
  }
  return runs.reverse().join("");
}

/**
 * LibreOffice's PDF export maps each lam-alef ligature (ﻻ ﻷ ﻹ ﻵ) to its two letters in visual
 * order, alef first: a reader who copies "لا يضمن" or "الثلاثاء" out of such a PDF (with poppler
 * or pdf.js alike) gets "ال يضمن" and "الثالثاء" (tests/quotes/copy-paste.test.ts). A quote that
 * shows this signature is also read against the document with its ligatures reversed the same
 * way; the letters are only permuted, so every offset stays valid.
 *
 * The signature is what proper Arabic never writes: "ال" standing alone, or the article followed
 * by a reversed ligature ("اال…", "األ…", "اإل…", "اآل…"). Without it no second reading is made, so a
 * quote that writes "سالم" for the original's "سلام" is still a changed word.
 */
const ALEFS = "\u0627\u0623\u0625\u0622";
const SIGNATURE = new RegExp(`(?:^|[^\\p{L}])\u0627\u0644(?![\\p{L}])|\u0627[${ALEFS}]\u0644`, "u");
const LIGATURE = new RegExp(`\u0644(\\p{M}*)([${ALEFS}])`, "gu");

/** Whether a quote looks copied from a LibreOffice PDF (see the module comment). */
export function hasReversedLamAlef(quote: string): boolean {
  return SIGNATURE.test(quote.replace(/\p{M}/gu, ""));
}

/** `text` with every lam-alef written as LibreOffice's PDFs give it: the alef first. Same length. */
export function reverseLamAlef(text: string): string {
  return text.replace(LIGATURE, (_m, marks: string, alef: string) => `${alef}\u0644${marks}`);
}

/**
 * The words whose presence or absence reverses a sentence (DESIGN.md: "Negations … and numbers
 * decide meaning"). Whole tokens only, after folding; clitics are never split, so the Arabic
 * particles are listed with their attached و/ف ("and", "so") as separate entries.
 * The list errs towards inclusion: a negation word in a difference only changes how that
 * difference is labelled (and where it sits next to an omission, that the omission is flagged).
 */
import { tokenize } from "./normalize";

const ARABIC_PARTICLES = [
  "لا",
  "لم",
  "لن",
  "ما",
  "ليس",
  "ليست",
  "ليسا",
  "ليستا",
  "ليسوا",
  "لسن",
  "لست",
  "لستما",
  "لستم",
  "لستن",
  "لسنا",
  "غير",
  "عدم",
  "بلا",
];
const ARABIC = ARABIC_PARTICLES.flatMap((w) => [w, `و${w}`, `ف${w}`]);

// "n't" is tokenized as the token "t" after "don", "can", "isn" …: the apostrophe is a boundary.
const ENGLISH = [
  "not",
  "no",
  "never",
  "t",
  "cannot",
  "nor",
  "neither",
  "none",
  "nothing",
  "nobody",
  "nowhere",
];

// "n'" is the token "n"; accents fold, so "guère" is listed as written and folded below.
const FRENCH = ["ne", "n", "pas", "jamais", "non", "aucun", "aucune", "rien", "ni", "nul", "nulle", "guère"];

/** The negation words, folded exactly as tokens are (so the list cannot drift from tokenize). */
export const NEGATION_WORDS: ReadonlySet<string> = new Set(
  [...ARABIC, ...ENGLISH, ...FRENCH].map((w) => tokenize(w)[0]!.norm),
);

export function isNegation(norm: string): boolean {
  return NEGATION_WORDS.has(norm);
}

export function countNegations(norms: readonly string[]): number {
  let n = 0;
  for (const w of norms) if (NEGATION_WORDS.has(w)) n++;
  return n;
}

/** A token is a number when it has a digit (Arabic-Indic and Persian digits are folded to 0–9). */
export function hasDigit(norm: string): boolean {
  return /[0-9]/.test(norm);
}

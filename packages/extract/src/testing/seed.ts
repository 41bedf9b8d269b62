import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const NAME = "etilaf-daraa-ceasefire-violations.ar.txt";

/** The real Arabic statement of seeds/ (or ../shared/seeds/ beside the repository). */
export function readSeed(): string {
  const candidates = [`../../../../seeds/${NAME}`, `../../../../../shared/seeds/${NAME}`].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  const path = candidates.find((p) => existsSync(p));
  if (!path) throw new Error(`seed ${NAME} not found in ${candidates.join(" or ")}`);
  return readFileSync(path, "utf8");
}

/** The seed's paragraphs (separated by blank lines in the file). */
export function seedParagraphs(): string[] {
  return readSeed()
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Whitespace-separated tokens, to compare texts whose line breaks legitimately differ. */
export function tokens(text: string): string[] {
  return text.split(/\s+/).filter((t) => t !== "");
}

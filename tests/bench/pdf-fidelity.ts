/**
 * `npm run bench -- pdf-fidelity` (issue #12 §2): per PDF of tests/corpus/pdf, the character error
 * rate of isnad's extracted text against the source text, raw (whitespace runs made one space) and
 * after core's normalization (what quote matching compares), the letters lost and the glyphs left
 * unmapped. The baseline is poppler's pdftotext on the same file (the text people copy from
 * Evince and Okular); "n/a" when it is not installed. Goals: normalized CER ≤ 0.2 %, 0 lost letters.
 */
import { cer, measureFidelity, normalizedCer } from "../corpus/pdf/fidelity";
import { extractCorpus, pdftotext } from "../corpus/pdf/extract-corpus";
import { formatRatio, type BenchRow } from "./table";

const percent = (x: number): string => `${(x * 100).toFixed(2)} %`;

export async function benchPdfFidelity(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const e of await extractCorpus()) {
    const ours = measureFidelity(e.text, e.expected);
    const popplerText = pdftotext(e.file);
    const base = popplerText === undefined ? undefined : measureFidelity(popplerText, e.expected);
    const name = e.file.replace(/\.pdf$/, "");
    const row = (
      figure: string,
      o: number,
      b: number | undefined,
      show: (x: number) => string,
      goal?: string,
    ) =>
      rows.push({
        group: "pdf-fidelity",
        figure: `${name}: ${figure}`,
        ours: show(o),
        baseline: b === undefined ? "n/a" : `${show(b)} (pdftotext)`,
        ratio: b === undefined ? "n/a" : formatRatio(o, b),
        ...(goal ? { goal } : {}),
      });
    row("CER raw", cer(ours), base && cer(base), percent);
    row("CER normalized", normalizedCer(ours), base && normalizedCer(base), percent, "≤ 0.20 %");
    row("lost letters", ours.lostLetters, base?.lostLetters, String, "0");
    rows.push({
      group: "pdf-fidelity",
      figure: `${name}: unmapped glyphs / damaged spans`,
      ours: `${e.quality.unmappedGlyphs} / ${e.quality.damaged.length}`,
      baseline: "n/a",
      ratio: "n/a",
    });
  }
  return rows;
}

/**
 * Verify by screenshot (issue #18): fabricated statements travel as images. The image is read by
 * the OCR port (image-reader.ts) and what was read goes through the quote check (verify-quote.ts)
 * with OCR tolerance (core: matchQuote's `ocr`): a difference OCR may have made is "uncertain"
 * with `ocr` on it, never "altered"; a word, number or negation changed stays "altered" when a
 * second reading of the image at twice the size shows it too (confirmedByRereading). Each
 * difference also gets the image boxes of the words read, so that a page can show the region of
 * the screenshot beside the original's words.
 *
 * Bounds, since an image costs far more than a quote: MAX_SCREENSHOT_BYTES; the reader checks the
 * pixel count from the header before decoding (packages/extract, ocr-reader.ts); a deadline of
 * OCR_DEADLINE_MS aborts the read; the API charges the rate limiter OCR_COST tokens.
 */
import { confirmAlterations, quoteShingles } from "@isnad/core";
import { ArchiveError } from "./errors";
import type { ImageReader, OcrResult, OcrWord } from "./image-reader";
import type { ItemStore, ObjectStore } from "./ports";
import { verifyQuote, type QuoteVerification, type VerifyQuoteOptions } from "./verify-quote";

/** Largest image read (a full-page PNG screenshot at 2× is some 3 MB). */
export const MAX_SCREENSHOT_BYTES = 10 * 1024 * 1024;
/** How long a read may take before it is abandoned (tesseract reads a full page in about 2 s). */
export const OCR_DEADLINE_MS = 20_000;
/** Rate-limiter tokens one read costs: some seconds of a core, against milliseconds for a quote. */
export const OCR_COST = 50;
/**
 * Words read with less confidence than this are "unsure" (core's MatchOptions.ocrUnsure): a number
 * read differently there is uncertain. Measured on the corpus (tests/corpus/ocr): digits tesseract
 * misread had 22–74, words it read right mostly 85–97.
 */
export const UNSURE_CONFIDENCE = 80;
/**
 * The scale of the second reading that must confirm an alteration: tesseract misreads some letters
 * of Amiri's ligatures and of JPEG q70 at one size and reads them right at twice the size, and the
 * other way round (tests/corpus/ocr; core's ocr-confirm.ts).
 */
export const CONFIRM_SCALE = 2;
/** Most text read that is checked, as for a pasted quote (packages/api, routes/verify.ts). */
export const MAX_READ_CHARS = 100_000;

export type ScreenshotType = "image/png" | "image/jpeg" | "image/webp";

/** The image's type from its first bytes (PNG signature, JPEG SOI, RIFF…WEBP), or undefined. */
export function screenshotType(bytes: Uint8Array): ScreenshotType | undefined {
  const at = (i: number, ...b: number[]) => b.every((x, k) => bytes[i + k] === x);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (at(0, 0xff, 0xd8, 0xff)) return "image/jpeg";
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "image/webp";
  return undefined;
}

export type Box = OcrWord["box"];

export interface ScreenshotVerification {
  image: { mediaType: ScreenshotType; bytes: number; width: number; height: number };
  read: OcrResult;
  /** The quote check on what was read; absent when too few words were read to look anything up. */
  quote?: QuoteVerification;
  /** Per result (in order), per difference (in order): the boxes of the words read there. */
  boxes: Box[][][];
  /** Readings of the image made: 2 when an alteration had to be confirmed (CONFIRM_SCALE). */
  readings: number;
}

export interface VerifyScreenshotDeps {
  items: ItemStore;
  objects: ObjectStore;
  imageReader?: ImageReader;
}

export async function verifyScreenshot(
  deps: VerifyScreenshotDeps,
  image: Uint8Array,
  keyring: ReadonlyMap<string, Uint8Array>,
  options: Omit<VerifyQuoteOptions, "ocr"> & {
    signal?: AbortSignal;
    /** Both readings' deadline; OCR_DEADLINE_MS unless a caller that is no request (the bench) says. */
    deadlineMs?: number;
  } = {},
): Promise<ScreenshotVerification> {
  const mediaType = screenshotType(image);
  if (!mediaType) {
    throw new ArchiveError("UNSUPPORTED_MEDIA_TYPE", "a screenshot must be a PNG, JPEG or WebP image");
  }
  if (!deps.imageReader) {
    throw new ArchiveError(
      "UNSUPPORTED_MEDIA_TYPE",
      "OCR is not available here, so a screenshot cannot be read: paste its text, or send the file's SHA-256",
      { details: { ocr: false } },
    );
  }
  if (image.length > MAX_SCREENSHOT_BYTES) {
    throw new ArchiveError("TOO_LARGE", `a screenshot may be at most ${MAX_SCREENSHOT_BYTES} bytes`, {
      details: { maxBytes: MAX_SCREENSHOT_BYTES },
    });
  }
  const deadline = AbortSignal.timeout(options.deadlineMs ?? OCR_DEADLINE_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const read = await deps.imageReader.read(image, { signal });
  const info = { mediaType, bytes: image.length, width: read.width, height: read.height };
  if (read.text.length > MAX_READ_CHARS) {
    throw new ArchiveError(
      "TOO_LARGE",
      `the image holds ${read.text.length} characters of text; at most ${MAX_READ_CHARS} are checked: crop it to the passage`,
      { details: { maxChars: MAX_READ_CHARS } },
    );
  }
  // Too few words to look up (a photo, an empty image): nothing found, and said so with what was read.
  if (quoteShingles(read.text).length === 0) return { image: info, read, boxes: [], readings: 1 };
  const { limit, cursor, texts } = options;
  const first = await verifyQuote(deps, read.text, keyring, { limit, cursor, texts, ...ocrOf(read) });
  // Only an "altered" answer costs a second reading: a genuine screenshot read verbatim costs one.
  const quote =
    first.verdict === "altered"
      ? await confirmedByRereading(deps, deps.imageReader, image, keyring, first, texts, signal)
      : first;
  const boxes = quote.results.map((r) =>
    r.match.differences.map((d) => wordsIn(read.words, d.quoteStart, d.quoteEnd).map((w) => w.box)),
  );
  return { image: info, read, quote, boxes, readings: quote === first ? 1 : 2 };
}

/** The quote check's OCR options for a reading: OCR tolerance, and the words the engine was unsure of. */
function ocrOf(read: OcrResult): Pick<VerifyQuoteOptions, "ocr" | "ocrUnsure"> {
  const ocrUnsure = read.words
    .filter((w) => w.confidence < UNSURE_CONFIDENCE)
    .map((w): [number, number] => [w.start, w.end]);
  return { ocr: true, ocrUnsure };
}

/**
 * The first reading's answer with each alteration confirmed by a second reading of the image at
 * CONFIRM_SCALE, or put down to OCR (core's confirmAlterations): tesseract's misreads of real
 * letters depend on the glyphs' size, a fabricated word is in the image at every size. Each result
 * is compared with the second reading's result for the same statement; a statement the second
 * reading does not find, an image too large to scale, or a second reading with too few words keeps
 * the first answer as it is. The same deadline covers both readings.
 */
async function confirmedByRereading(
  deps: VerifyScreenshotDeps,
  reader: ImageReader,
  image: Uint8Array,
  keyring: ReadonlyMap<string, Uint8Array>,
  first: QuoteVerification,
  texts: VerifyQuoteOptions["texts"],
  signal: AbortSignal,
): Promise<QuoteVerification> {
  let again: OcrResult;
  try {
    again = await reader.read(image, { signal, scale: CONFIRM_SCALE });
  } catch (e) {
    // Too large to read scaled, or a format only read as it is (WebP): the first reading stands.
    if (e instanceof ArchiveError && (e.code === "TOO_LARGE" || e.code === "UNSUPPORTED_MEDIA_TYPE"))
      return first;
    throw e;
  }
  if (again.text.length > MAX_READ_CHARS || quoteShingles(again.text).length === 0) return first;
  const second = await verifyQuote(deps, again.text, keyring, { limit: first.limit, texts, ...ocrOf(again) });
  const byStatement = new Map(second.results.map((r) => [r.view.record.id, r.match]));
  const results = first.results
    .map((r) => ({ ...r, match: confirmAlterations(r.match, byStatement.get(r.view.record.id)) }))
    // Every result was altered (the best verdict was): those now uncertain go first, in their order.
    .sort((a, b) => Number(a.match.verdict === "altered") - Number(b.match.verdict === "altered"));
  return { ...first, verdict: results[0]?.match.verdict ?? first.verdict, results };
}

/** The words read that overlap [start, end) of the text read (none for an empty range). */
function wordsIn(words: readonly OcrWord[], start: number, end: number): OcrWord[] {
  return end > start ? words.filter((w) => w.start < end && w.end > start) : [];
}

/**
 * The OCR port (issue #18): reads the text in an image — a screenshot sent to /v1/verify, a
 * scanned page at ingest. packages/extract implements it with tesseract; the verify use case and
 * the pages only see what was read, how sure the engine was, and where each word sits in the
 * image, so a verdict can show the image region beside the original's words.
 */
export interface OcrWord {
  text: string;
  /** The engine's confidence, 0–100 (tesseract's scale; it does not flag its own confusions). */
  confidence: number;
  /** Pixels in the image as read (after any orientation fix): left, top, width, height. */
  box: { x: number; y: number; width: number; height: number };
  /** Where the word sits in `OcrResult.text` (UTF-16 offsets, [start, end)). */
  start: number;
  end: number;
}

export interface OcrResult {
  text: string;
  words: OcrWord[];
  /** The image's size in pixels. */
  width: number;
  height: number;
  /** E.g. "tesseract 5.3.0 (ara+eng+fra)": shown beside a verdict that rests on it. */
  engine: string;
}

export interface ImageReader {
  /**
   * Throws ArchiveError UNSUPPORTED_MEDIA_TYPE for bytes that are no image it reads (PNG, JPEG,
   * WebP, TIFF), and TOO_LARGE for an image too large to read (or to read at `scale`).
   */
  read(
    image: Uint8Array,
    options?: {
      languages?: readonly string[];
      signal?: AbortSignal;
      /** Read the image scaled by this integer (a second reading, verify-screenshot.ts); boxes stay in the image's pixels. */
      scale?: number;
    },
  ): Promise<OcrResult>;
}

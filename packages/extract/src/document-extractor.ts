/**
 * The archive's Extractor port (packages/archive/src/extractor.ts), implemented by this package:
 * decide the media type from the bytes, then extract. Structural typing keeps this package free
 * of any dependency on the archive.
 */
import { extractText } from "./extract-text";
import { sniffMediaType } from "./sniff-media-type";

export const documentExtractor = {
  async extract(bytes: Uint8Array, declaredMediaType: string | null, filename: string | null) {
    const mediaType = sniffMediaType(bytes, declaredMediaType ?? undefined, filename ?? undefined);
    const { status, text, message } = await extractText(bytes, mediaType);
    return { mediaType, status, text, ...(message === undefined ? {} : { message }) };
  },
};

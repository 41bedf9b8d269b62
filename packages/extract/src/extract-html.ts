import { decodeText, encodingFor } from "./decode-text";
import { htmlToText, prescanMetaCharset } from "./html-text";

export interface ExtractedText {
  text: string;
  warnings: string[];
}

/**
 * An HTML page's visible text. Charset, as HTML §13.2.3 orders it: BOM, then the transport's
 * (Content-Type) charset, then a <meta> charset in the first 1024 bytes, then UTF-8 with the
 * windows-1256 fallback of decodeText.
 */
export function extractHtml(bytes: Uint8Array, declaredCharset?: string): ExtractedText {
  const meta = declaredCharset ? undefined : prescanMetaCharset(bytes);
  const warnings: string[] = [];
  if (meta && !encodingFor(meta)) warnings.push(`unknown <meta> charset "${meta}" ignored`);
  const decoded = decodeText(bytes, declaredCharset ?? (meta && encodingFor(meta) ? meta : undefined));
  return { text: htmlToText(decoded.text), warnings: [...warnings, ...decoded.warnings] };
}

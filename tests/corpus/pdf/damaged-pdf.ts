/**
 * A corpus PDF whose extraction is damaged on purpose: the Chromium file with tashkeel, its
 * /ActualText keys renamed, so that pdf.js gives "\u0000" for the cluster glyphs whose font maps
 * them to nothing. Its text is "ok" and usable; its quality report is "degraded" with damaged spans.
 */
import { readFileSync } from "node:fs";
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from "pdf-lib";
import { pdfPath } from "./corpus";

export async function pdfWithActualTextHidden(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(new Uint8Array(readFileSync(pdfPath("amiri-tashkeel", "chromium"))));
  const page = doc.getPages()[0]!;
  const contents = page.node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of("Contents"))];
  const streams = refs
    .map((r) => doc.context.lookup(r))
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream);
  const decoded = streams.map((s) => new TextDecoder("latin1").decode(decodePDFRawStream(s).decode()));
  const hidden = decoded.join("\n").replaceAll("/ActualText", "/ActualTexx");
  const bytes = Uint8Array.from(hidden, (c) => c.charCodeAt(0));
  page.node.set(PDFName.of("Contents"), doc.context.register(doc.context.flateStream(bytes)));
  return doc.save();
}

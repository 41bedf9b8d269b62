/**
 * A scanned release for tests: each PNG or JPEG drawn as the whole of an A4 page, with no text
 * layer (what a press office's scanner or "print to image" makes).
 */
import { PDFDocument } from "pdf-lib";

export async function makeScannedPdf(images: readonly Uint8Array[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const bytes of images) {
    const image = bytes[0] === 0x89 ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
    const page = doc.addPage([595, 842]);
    const scale = Math.min(555 / image.width, 802 / image.height);
    page.drawImage(image, {
      x: 20,
      y: 822 - image.height * scale,
      width: image.width * scale,
      height: image.height * scale,
    });
  }
  return doc.save();
}

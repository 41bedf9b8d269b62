/**
 * The verify page's words for a screenshot (issue #18): what OCR read, and differences it may have
 * made ("uncertain (OCR)") apart from real alterations, each beside the image region it was read
 * from. Arabic and English.
 */
import type { Lang } from "../i18n";

export interface ScreenshotStrings {
  /** Shown while the image is sent and read. */
  reading: string;
  /** Under the file field: images are sent to be read, other files are hashed here. */
  note: string;
  readHeading: string;
  /** {engine}: e.g. "tesseract 5.3.0 (ara)". */
  readBy: string;
  /** The "uncertain" verdict for a screenshot, said in OCR's terms. */
  uncertainTitle: string;
  uncertainExplain: string;
  alterationsCaption: string;
  ocrCaption: string;
  inImage: string;
  inOriginal: string;
  readAs: string;
  noRegion: string;
}

export const SCREENSHOT_STRINGS: Record<Lang, ScreenshotStrings> = {
  ar: {
    reading: "تُقرأ لقطة الشاشة…",
    note: "الصور (لقطات الشاشة) تُرسل إلى الخادم لقراءة نصها آليًا؛ أي ملف آخر تُحسب بصمته هنا ولا يُرسل.",
    readHeading: "النص المقروء من الصورة",
    readBy: "قرأه {engine}، وقد يخطئ في القراءة.",
    uncertainTitle: "غير مؤكد (قراءة آلية)",
    uncertainExplain:
      "تطابق كلمات الصورة البيان إلا في مواضع قد يكون الخطأ فيها من القراءة الآلية لا من الصورة. قارن منطقة الصورة بكلمات الأصل أدناه.",
    alterationsCaption: "تعديلات: كلمات في الصورة تختلف عن الأصل",
    ocrCaption: "غير مؤكد (قراءة آلية): فروق قد تكون من القراءة",
    inImage: "في الصورة",
    inOriginal: "في الأصل",
    readAs: "قُرئت",
    noRegion: "لا كلمات مقروءة هنا",
  },
  en: {
    reading: "Reading the screenshot…",
    note: "Images (screenshots) are sent to the server to read their text; any other file is hashed here and never sent.",
    readHeading: "Text read from the image",
    readBy: "Read by {engine}, which can misread.",
    uncertainTitle: "Uncertain (OCR)",
    uncertainExplain:
      "The screenshot's words match the statement except where text recognition may have misread them. Compare each image region with the original's words below.",
    alterationsCaption: "Alterations: words in the image that differ from the original",
    ocrCaption: "Uncertain (OCR): differences the text recognition may have made",
    inImage: "In the image",
    inOriginal: "In the original",
    readAs: "Read as",
    noRegion: "no words read here",
  },
};

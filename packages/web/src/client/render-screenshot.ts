/**
 * A screenshot's verdict (issue #18): what OCR read and by which engine, then the differences in
 * two tables — real alterations, and "uncertain (OCR)" ones the engine may have made — each row
 * with the region of the uploaded image the words were read from (drawn on a canvas from the file
 * the reader chose: no URL for it, so the page's CSP img-src needs no blob:) beside the
 * original's words.
 */
import { fillTemplate } from "../i18n";
import { SCREENSHOT_STRINGS } from "../strings/screenshot-strings";
import type { Difference, ImageBox, QuoteMatch, ScreenshotVerification } from "./api-types";
import { h } from "./dom";
import { renderQuoteResult } from "./render-result";
import type { RenderContext } from "./render-statement";

/** The widest a crop is drawn, in CSS pixels; the margin around the words' box, in image pixels. */
const CROP_WIDTH = 280;
const MARGIN = 6;

export interface UploadedImage {
  /** The file the reader chose, decoded (createImageBitmap). */
  bitmap: ImageBitmap;
  /** The size the boxes refer to: the image as the engine read it. */
  width: number;
  height: number;
}

/** The union of the boxes with a margin, kept inside the image. */
function region(boxes: ImageBox[], image: UploadedImage): ImageBox {
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - MARGIN);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - MARGIN);
  const right = Math.min(image.width, Math.max(...boxes.map((b) => b.x + b.width)) + MARGIN);
  const bottom = Math.min(image.height, Math.max(...boxes.map((b) => b.y + b.height)) + MARGIN);
  return { x, y, width: right - x, height: bottom - y };
}

/** The image region of `boxes`, drawn from the uploaded image. */
export function crop(boxes: ImageBox[], image: UploadedImage, label: string): HTMLElement {
  const r = region(boxes, image);
  const scale = Math.min(1, CROP_WIDTH / Math.max(1, r.width));
  const canvas = h("canvas", {
    class: "crop",
    role: "img",
    "aria-label": label,
    width: String(Math.max(1, Math.round(r.width * scale))),
    height: String(Math.max(1, Math.round(r.height * scale))),
    "data-box": `${r.x},${r.y},${r.width},${r.height}`,
  });
  // Boxes are in the engine's pixels; the decoded file is the same image, perhaps another size.
  const [fx, fy] = [image.bitmap.width / image.width, image.bitmap.height / image.height];
  canvas
    .getContext("2d")
    ?.drawImage(
      image.bitmap,
      r.x * fx,
      r.y * fy,
      r.width * fx,
      r.height * fy,
      0,
      0,
      canvas.width,
      canvas.height,
    );
  return canvas;
}

function differenceRows(differences: Difference[], image: UploadedImage, ctx: RenderContext): HTMLElement[] {
  const s = SCREENSHOT_STRINGS[ctx.lang];
  return differences.map((d) =>
    h(
      "tr",
      { "data-kind": d.kind, "data-reason": d.reason },
      h(
        "td",
        { class: "image" },
        d.boxes && d.boxes.length > 0
          ? crop(d.boxes, image, `${s.readAs}: ${d.quote}`)
          : h("span", { class: "note" }, s.noRegion),
      ),
      h("td", { class: "orig", dir: "auto" }, d.original || h("span", { class: "note" }, ctx.t.nothing)),
      h("td", { class: "quote", dir: "auto" }, d.quote || h("span", { class: "note" }, ctx.t.nothing)),
    ),
  );
}

function table(caption: string, rows: HTMLElement[], group: string, ctx: RenderContext): HTMLElement | false {
  const s = SCREENSHOT_STRINGS[ctx.lang];
  return (
    rows.length > 0 &&
    h(
      "table",
      { class: "diffs screenshot", "data-group": group },
      h("caption", {}, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, s.inImage),
          h("th", { scope: "col" }, s.inOriginal),
          h("th", { scope: "col" }, s.readAs),
        ),
      ),
      h("tbody", {}, rows),
    )
  );
}

export async function renderScreenshotResult(
  result: ScreenshotVerification,
  image: UploadedImage,
  ctx: RenderContext,
  fetchText: (match: QuoteMatch) => Promise<string | undefined>,
): Promise<HTMLElement[]> {
  const s = SCREENSHOT_STRINGS[ctx.lang];
  const read = h(
    "details",
    { class: "read", open: result.matches.length === 0 },
    h("summary", {}, s.readHeading),
    h("p", { class: "note" }, fillTemplate<string>(s.readBy, { engine: result.read.engine }).join("")),
    h("blockquote", { dir: "auto", "data-read": "" }, result.read.text || ctx.t.nothing),
  );
  const uncertain =
    result.verdict === "uncertain" && (result.matches[0]?.differences ?? []).some((d) => d.reason === "ocr");
  return renderQuoteResult(result, ctx, fetchText, {
    ...(uncertain ? { title: s.uncertainTitle, explain: s.uncertainExplain } : {}),
    before: read,
    differences: (differences) => [
      table(
        s.alterationsCaption,
        differenceRows(
          differences.filter((d) => !d.reason),
          image,
          ctx,
        ),
        "altered",
        ctx,
      ),
      table(
        s.ocrCaption,
        differenceRows(
          differences.filter((d) => d.reason),
          image,
          ctx,
        ),
        "uncertain",
        ctx,
      ),
    ],
  });
}

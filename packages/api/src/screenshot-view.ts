/**
 * POST /v1/verify with an image that is not itself archived (issue #18): the screenshot is read by
 * OCR (verify-screenshot.ts) and the quote check runs on what was read. The answer is a quote's
 * (verify-openapi.ts) with `read` — the text, the engine, the words and their boxes — and on each
 * difference `boxes`, the image regions of the words read there, and `reason`: "ocr" when OCR may
 * have made the difference, "damage" when the archived text is damaged there.
 */
import type { Context } from "hono";
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";
import { MAX_QUOTE_LIMIT, OCR_COST, screenshotType, verifyScreenshot } from "@isnad/archive";
import type { ApiDeps } from "./deps";
import { quoteMatchJson, quotePaging } from "./quote-view";
import { chargeCost } from "./rate-limit";
import { inclusionOf } from "./receipt-view";
import { parseWith } from "./schemas";
import { withPublishers } from "./views";

/** Paging of a screenshot's answer, in the query string (the body is the image). */
const ImageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_QUOTE_LIMIT).optional(),
  cursor: z.string().min(1).max(64).optional(),
});

/** The answer for an image, or undefined when `bytes` are no PNG, JPEG or WebP image. */
export async function verifyImageJson(c: Context, deps: ApiDeps, bytes: Uint8Array) {
  if (!screenshotType(bytes)) return undefined;
  const { limit, cursor } = parseWith(ImageQuery, c.req.query(), "query");
  // Charged before reading: a read that fails or times out has cost the core all the same.
  chargeCost(c, { examined: 0, textBytes: 0, extra: OCR_COST });
  const answer = await verifyScreenshot(deps.archive, bytes, deps.keyring.byId, {
    limit,
    cursor,
    signal: c.req.raw.signal,
  });
  const { read, quote } = answer;
  // The final cost replaces the first: each reading (an altered one is read twice) and the quote's.
  if (quote) chargeCost(c, { ...quote, extra: OCR_COST * answer.readings });
  const matches = await Promise.all(
    (quote?.results ?? []).map(async (r, i) => {
      const json = quoteMatchJson(r);
      return {
        ...json,
        differences: json.differences.map((d, k) => ({
          ...d,
          ...(d.ocr ? { reason: "ocr" } : d.damaged ? { reason: "damage" } : {}),
          boxes: answer.boxes[i]?.[k] ?? [],
        })),
        inclusion: await inclusionOf(deps, r.view),
      };
    }),
  );
  // As for a quote: a passage found only in statements whose proofs fail is not evidence.
  const proven = matches.some((m) => m.signature.valid && m.inclusion.checked);
  const verdict = quote?.verdict ?? "not-found";
  return {
    query: { image: answer.image },
    read: {
      text: read.text,
      engine: read.engine,
      width: read.width,
      height: read.height,
      words: read.words.map((w) => ({
        text: w.text,
        confidence: w.confidence,
        box: w.box,
        start: w.start,
        end: w.end,
      })),
    },
    ...(quote
      ? quotePaging(quote, undefined)
      : { total: 0, limit: limit ?? 0, cursor: null, complete: true }),
    verdict: proven || verdict === "not-found" ? verdict : "unverified",
    matches: await withPublishers(deps, matches),
  };
}

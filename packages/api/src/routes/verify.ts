/** /v1/verify: is this file, this hash, this text or this screenshot in the archive, and whose is it? */
import { Hono, type Context } from "hono";
import { ArchiveError, MAX_QUOTE_LIMIT, verifyQuote } from "@isnad/archive";
import { formatHex, sha256 } from "@isnad/core";
import type { ApiDeps } from "../deps";
import { readBody } from "../read-body";
import { checkMultipartShape } from "../multipart-limits";
import { parseMultipartForm } from "../multipart-form";
import { parseWith, Sha256, SHA256_HEX } from "../schemas";
import { withPublishers } from "../views";
import { hashAnswers, type HashAnswer } from "../hash-answer";
import { publicJson } from "../public-json";
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";
import { quoteMatchJson, quotePaging } from "../quote-view";
import { chargeCost } from "../rate-limit";
import { inclusionOf } from "../receipt-view";
import { verifyImageJson } from "../screenshot-view";

/** Longest quote accepted: a long statement pasted whole is fine; a book is not. */
const MAX_QUOTE_CHARS = 100_000;
/** Paging of a quote's answer (verify-quote.ts): `limit` results from `cursor` on. */
const paging = {
  limit: z.coerce.number().int().min(1).max(MAX_QUOTE_LIMIT).optional(),
  cursor: z.string().min(1).max(64).optional(),
};
const VerifyTextQuery = z.object({ text: z.string().min(1).max(4_000), ...paging }).strict();

export const VerifyHashBody = z.object({ sha256: Sha256 }).strict();
export const VerifyTextBody = z
  .object({
    text: z.string().min(1).max(MAX_QUOTE_CHARS),
    limit: z.number().int().min(1).max(MAX_QUOTE_LIMIT).optional(),
    cursor: paging.cursor,
  })
  .strict();

export function verifyRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const max = deps.archive.limits.maxUploadBytes;
  const tooLarge = () =>
    new ArchiveError("TOO_LARGE", `a file to verify may be at most ${max} bytes; send its SHA-256 instead`, {
      details: { maxBytes: max },
    });

  // Kept as JSON text while its statements and log head stand (hash-answer.ts, issue #15).
  const byHash = hashAnswers(deps);
  // With its headers complete (public-json.ts): the middleware has nothing to add to it.
  const hashJson = (c: Context, answer: HashAnswer) => publicJson(c, answer.json);

  const byText = async (c: Context, query: z.infer<typeof VerifyTextBody>) => {
    const { text, limit, cursor } = query;
    const answer = await verifyQuote(deps.archive, text, deps.keyring.byId, { limit, cursor });
    const { verdict, results } = answer;
    chargeCost(c, answer);
    const matches = await Promise.all(
      results.map(async (r) => ({ ...quoteMatchJson(r), inclusion: await inclusionOf(deps, r.view) })),
    );
    // A passage found only in statements whose proofs fail is not evidence of anything.
    const proven = matches.some((m) => m.signature.valid && m.inclusion.checked);
    return {
      query: { text },
      ...quotePaging(answer, text.length <= 4_000 ? text : undefined),
      verdict: proven || verdict === "not-found" ? verdict : "unverified",
      matches: await withPublishers(deps, matches),
    };
  };

  app.get("/", async (c) => {
    const query = c.req.query();
    if (query.text !== undefined) return c.json(await byText(c, parseWith(VerifyTextQuery, query, "query")));
    // The hot case, ?sha256=<64 hex digits> alone, is what VerifyHashBody accepts without zod's
    // walk of the object (issue #15); anything else is parsed, and refused, by the schema.
    const only = Object.keys(query).length === 1 ? query.sha256 : undefined;
    const hex =
      only !== undefined && SHA256_HEX.test(only) ? only : parseWith(VerifyHashBody, query, "query").sha256;
    return hashJson(c, await byHash(hex));
  });

  app.post("/", async (c) => {
    const contentType = c.req.header("content-type") ?? "";
    if (/^application\/json/i.test(contentType)) {
      const raw = await readBody(c.req.raw, 1024 * 1024, tooLarge);
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
      } catch {
        throw new ArchiveError("BAD_REQUEST", "the body is not valid UTF-8 JSON");
      }
      if (json && typeof json === "object" && "text" in json) {
        return c.json(await byText(c, parseWith(VerifyTextBody, json, "body")));
      }
      const { sha256: hex } = parseWith(VerifyHashBody, json, "body");
      return hashJson(c, await byHash(hex));
    }
    const raw = await readBody(c.req.raw, max + 64 * 1024, tooLarge);
    let bytes = raw;
    if (/^multipart\/form-data/i.test(contentType)) {
      checkMultipartShape(raw, contentType);
      // The upload's parser (multipart-form.ts): strict UTF-8 names, and one `file` part only.
      const files = parseMultipartForm(raw, contentType).filter((part) => part.name === "file");
      const file = files[0];
      if (files.length > 1) {
        throw new ArchiveError("BAD_REQUEST", "file: sent more than once; send one file part", {
          details: { field: "file" },
        });
      }
      if (!file || file.filename === null) {
        throw new ArchiveError("BAD_REQUEST", "file: expected a 'file' part", { details: { field: "file" } });
      }
      bytes = file.body;
    }
    if (bytes.length === 0) throw new ArchiveError("BAD_REQUEST", "the file to verify is empty");
    const byFile = await byHash(formatHex(sha256(bytes)));
    // An image archived as it is answers by its hash; any other image is read by OCR (issue #18).
    if (byFile.verdict !== "not-found") return hashJson(c, byFile);
    const byImage = await verifyImageJson(c, deps, bytes);
    return byImage ? c.json(byImage) : hashJson(c, byFile);
  });

  return app;
}

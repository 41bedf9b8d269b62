/**
 * Request schemas of the publisher and correction resources (schemas.ts holds the statement and
 * verify ones): they validate requests and generate the OpenAPI document (openapi.ts).
 */
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";

const statementId = z.string().regex(/^[0-9a-f]{32}$/, "a statement id is 32 lowercase hex digits");

export const PublisherIdParam = z.object({
  id: z
    .string()
    .regex(
      /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/,
      "a publisher id is lowercase letters, digits and hyphens",
    ),
});

export const PageQuery = z
  .object({
    cursor: z.string().min(1).max(2048).optional().describe("The `cursor` of the previous page."),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe("Items per page (default 20, at most 100)."),
  })
  .strict();

/** null (or "") removes title, language, publishedAt or sourceUrl; links can only be added. */
const change = (max: number, what: string) => z.string().max(max).nullable().optional().describe(what);

export const CorrectionBody = z
  .object({
    title: change(500, "The corrected title."),
    language: change(35, "The corrected BCP 47 language tag."),
    publishedAt: change(40, "The corrected publication date (RFC 3339 date or date-time)."),
    sourceUrl: change(2048, "The corrected source URL (http or https)."),
    supersedes: statementId
      .optional()
      .describe("Adds a missing link to the earlier statement this one supersedes (only when none is set)."),
    translationOf: statementId
      .optional()
      .describe("Adds a missing link to the statement this one translates (only when none is set)."),
    reason: z
      .string()
      .max(1000)
      .optional()
      .describe("Why, in the publisher's words (kept in the signed record)."),
  })
  .strict();

export const CorrectionSeqParam = z.object({
  id: statementId,
  seq: z.coerce.number().int().min(1).max(999_999),
});

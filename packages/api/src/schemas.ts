/**
 * The request schemas. They validate requests (routes call `parseWith`) and they generate the
 * OpenAPI document (openapi.ts), so the two cannot drift.
 */
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";
import { ArchiveError } from "@isnad/archive";
import { plainIssue } from "./plain-issues";

const statementId = z.string().regex(/^[0-9a-f]{32}$/, "a statement id is 32 lowercase hex digits");
const optionalText = (max: number) => z.string().max(max).optional();

export const StatementFields = z
  .object({
    title: optionalText(500).describe("The statement's title as published."),
    language: optionalText(35).describe("BCP 47 language tag, e.g. 'ar', 'en', 'fr'."),
    publishedAt: optionalText(40).describe("When the publisher published it: RFC 3339 date or date-time."),
    sourceUrl: optionalText(2048).describe("Where the publisher published it (recorded, never fetched)."),
    supersedes: statementId
      .optional()
      .describe("The id of an earlier statement of the same publisher that this one corrects."),
    translationOf: statementId.optional().describe("The id of the statement this one translates."),
  })
  .strict();

/** The publisher's signature of the statement (issue #17; archive publisher-signature.ts). */
export const SIGNATURE_DESCRIPTION =
  "The publisher's signature over the isnad-statement/v1 message (the bytes' SHA-256, the publisher, " +
  "its key's domain and these fields): an OpenSSH SSHSIG (namespace isnad-statement@v1) or a base64 " +
  "Ed25519 signature. Checked against the publisher's domain keys; a refused one archives nothing.";

export const UploadForm = StatementFields.extend({
  file: z.any().describe("The document (PDF, DOCX, HTML, TXT or Markdown)."),
  signature: z.string().max(4096).optional().describe(SIGNATURE_DESCRIPTION),
});

export const ListQuery = z
  .object({
    publisher: z.string().regex(/^[a-z0-9-]{1,64}$/, "a publisher id"),
    cursor: z.string().max(2048).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

/** A SHA-256 in hex, either case (routes/verify.ts tests it alone on its hot path). */
export const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
export const Sha256 = z.string().regex(SHA256_HEX, "64 hexadecimal digits");

/** Paging of a quote's answer (packages/archive/src/verify-quote.ts). */
const quotePaging = {
  limit: z.coerce.number().int().min(1).max(100).optional().describe("Results per page: 1–100, default 20."),
  cursor: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe("The `cursor` of the previous page of the same quote's answer."),
};

export const VerifyJson = z.union([
  z.object({ sha256: Sha256 }).strict(),
  z
    .object({
      text: z.string().min(1).max(100_000),
      ...quotePaging,
    })
    .strict(),
]);

export const VerifyQuery = z.union([
  z.object({ sha256: Sha256 }).strict(),
  z.object({ text: z.string().min(1).max(4_000), ...quotePaging }).strict(),
]);

export const StatementIdParam = z.object({ id: statementId });

/** Validates `value`, turning the first issue into a 400 problem that names the field. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value, { error: plainIssue });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join(".") || where;
  const message =
    issue.code === "unrecognized_keys" ? `unknown field(s): ${issue.keys.join(", ")}` : issue.message;
  throw new ArchiveError("BAD_REQUEST", `${field}: ${message}`, { details: { field } });
}

/**
 * /v1/uploads: documents too large for one request body (a Lambda function URL carries at most
 * 6 MB) go straight to S3 through a presigned PUT, then are archived by `…/complete`.
 *
 *   POST /v1/uploads                 {sha256, size, mediaType?, filename?, …statement fields}
 *        → 201 {uploadId, url, method: "PUT", headers, expiresAt, links}
 *   PUT  <url>                       the document, with exactly `headers` (S3 checks the signed
 *                                    x-amz-checksum-sha256 against the body)
 *   POST /v1/uploads/{id}/complete   → 201 the statement, as POST /v1/statements answers it
 *                                      (200 when it was archived already)
 */
import { Hono } from "hono";
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";
import { ArchiveError, completeUpload, startUpload } from "@isnad/archive";
import type { ApiDeps } from "../deps";
import { readBody } from "../read-body";
import { parseWith, Sha256, SIGNATURE_DESCRIPTION, StatementFields } from "../schemas";
import { archivedJson } from "../receipt-view";
import { bearerToken } from "../auth";

const MAX_JSON_BYTES = 16 * 1024;

/** The same statement fields as POST /v1/statements, plus what the upload will carry. */
export const UploadBody = StatementFields.extend({
  sha256: Sha256.describe("SHA-256 of the document, hex; S3 and then isnad refuse any other bytes."),
  size: z.number().int().min(1).describe("The document's length in bytes."),
  mediaType: z.string().max(255).optional().describe("The document's media type, as the client knows it."),
  filename: z.string().max(1024).optional().describe("The document's file name (kept as a label)."),
  signature: z.string().max(4096).optional().describe(SIGNATURE_DESCRIPTION),
}).strict();

const UploadIdParam = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/, "an upload id is 32 lowercase hex digits"),
});

export function uploadsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.post("/", async (c) => {
    const publisher = await deps.publishers.authenticate(bearerToken(c.req.header("authorization")));
    const { sha256, size, mediaType, filename, signature, ...fields } = parseWith(
      UploadBody,
      await readJson(c.req.raw),
      "body",
    );
    const upload = await startUpload(deps.archive, {
      publisher,
      sha256,
      size,
      mediaType,
      filename,
      fields,
      signature: signature ?? null,
    });
    return c.json(
      {
        uploadId: upload.uploadId,
        url: upload.url,
        method: upload.method,
        headers: upload.headers,
        expiresAt: upload.expiresAt.toISOString(),
        links: { complete: `/v1/uploads/${upload.uploadId}/complete` },
      },
      201,
    );
  });

  app.post("/:id/complete", async (c) => {
    const publisher = await deps.publishers.authenticate(bearerToken(c.req.header("authorization")));
    const { id } = parseWith(UploadIdParam, c.req.param(), "id");
    const result = await completeUpload(deps.archive, { publisher, uploadId: id });
    const body = await archivedJson(deps, result.statement, result.created);
    c.header("location", body.links.self);
    return c.json(
      {
        ...body,
        upload: { id, state: result.upload.state },
        ...(result.notice ? { notice: result.notice } : {}),
      },
      result.created ? 201 : 200,
    );
  });

  return app;
}

async function readJson(request: Request): Promise<unknown> {
  if (!/^application\/json/i.test(request.headers.get("content-type") ?? "")) {
    throw new ArchiveError("UNSUPPORTED_MEDIA_TYPE", "send the upload's description as application/json");
  }
  const raw = await readBody(
    request,
    MAX_JSON_BYTES,
    () => new ArchiveError("TOO_LARGE", `the JSON body is larger than ${MAX_JSON_BYTES} bytes`),
  );
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw)) as unknown;
  } catch {
    throw new ArchiveError("BAD_REQUEST", "the body is not valid UTF-8 JSON");
  }
}

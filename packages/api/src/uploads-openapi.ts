/**
 * The OpenAPI paths of /v1/uploads (routes/uploads.ts), generated from the same zod schema that
 * validates the request, for openapi.ts to spread into `paths`.
 */
// A namespace import: esbuild keeps only the members used (`{ z }` pulls in every locale; issue #15).
import * as z from "zod";
import { UploadBody } from "./routes/uploads";

const problem = {
  description: "An RFC 9457 problem",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};
const ok = (description: string) => ({ description, content: { "application/json": {} } });

export function uploadsOpenApiPaths(): Record<string, object> {
  return {
    "/v1/uploads": {
      post: {
        summary: "Start a presigned upload (documents too large for one request, up to 5 GiB)",
        description:
          "Answers with a presigned S3 PUT. Send the document to `url` with exactly `headers` " +
          "(x-amz-checksum-sha256 is signed: S3 refuses other bytes), then POST `links.complete`.",
        security: [{ publisherKey: [] }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: z.toJSONSchema(UploadBody, { target: "draft-2020-12", io: "input" }),
            },
          },
        },
        responses: {
          "201": ok("{uploadId, url, method, headers, expiresAt, links}"),
          "400": problem,
          "401": problem,
          "413": problem,
          "415": problem,
        },
      },
    },
    "/v1/uploads/{id}/complete": {
      post: {
        summary: "Archive what was uploaded, after re-hashing it",
        security: [{ publisherKey: [] }],
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[0-9a-f]{32}$" } },
        ],
        responses: {
          "201": ok("Archived: the statement, as POST /v1/statements answers"),
          "200": ok("Already archived (completed before, or the same bytes from the same publisher)"),
          "400": problem,
          "401": problem,
          "404": problem,
          "409": problem,
        },
      },
    },
  };
}

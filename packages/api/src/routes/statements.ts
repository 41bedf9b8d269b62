/** /v1/statements: upload, list, read, and the original and text of one statement. */
import { Hono } from "hono";
import {
  ArchiveError,
  cleanMediaType,
  getStatement,
  mediaTypeEssence,
  getVersions,
  ingest,
  listStatements,
  originalKey,
  textKey,
  type StatementFields as Fields,
} from "@isnad/archive";
import { formatBase64, formatHex, parseHex, sha256 } from "@isnad/core";
import type { ApiDeps } from "../deps";
import { readBody } from "../read-body";
import { checkMultipartShape } from "../multipart-limits";
import { parseMultipartForm, strictUtf8 } from "../multipart-form";
import { queryParams } from "../query-params";
import { ListQuery, parseWith, StatementFields, StatementIdParam } from "../schemas";
import { statementJson, statementViewJson } from "../views";
import { loadPages } from "../pages/lazy-pages";
import { prefersHtml } from "../prefers-html";
import { parseLang } from "@isnad/web";
import { contentDisposition } from "../content-disposition";
import { originalRedirect, textRedirect } from "../original-redirect";
import { archivedJson, loggedStatement, receiptResponse } from "../receipt-view";
import { authenticatedPublisher } from "../auth";
import { publisherLookup } from "@isnad/archive";

const MULTIPART_OVERHEAD = 64 * 1024;

export function statementsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  const max = deps.archive.limits.maxUploadBytes;

  app.post("/", async (c) => {
    const publisher = await authenticatedPublisher(deps, c);
    const upload = await readUpload(c.req.raw, c.req.url, max);
    const result = await ingest(deps.archive, {
      publisher,
      ...upload,
      idempotencyKey: c.req.header("idempotency-key") ?? null,
    });
    const body = await archivedJson(deps, result.statement, result.created);
    c.header("location", body.links.self);
    return c.json(body, result.created ? 201 : 200);
  });

  app.get("/", async (c) => {
    const query = parseWith(ListQuery, queryParams(c.req.url), "query");
    const page = await listStatements(deps.archive.items, query.publisher, query);
    const publisher = await publisherLookup(deps.archive.items)(query.publisher);
    return c.json({
      statements: page.statements.map((record) => statementJson({ record }, { publisher })),
      ...(page.cursor
        ? {
            next: `/v1/statements?${new URLSearchParams({ publisher: query.publisher, cursor: page.cursor, ...(query.limit ? { limit: String(query.limit) } : {}) })}`,
          }
        : {}),
      cursor: page.cursor ?? null,
    });
  });

  app.get("/:id", async (c) => {
    const { id } = parseWith(StatementIdParam, c.req.param(), "id");
    const view = await getStatement(deps.archive.items, id);
    if (prefersHtml(c.req.header("accept"))) {
      const { provenanceHtml } = await loadPages();
      return c.html(
        await provenanceHtml(deps, view, { url: c.req.url, lang: parseLang(c.req.query("lang")) }),
      );
    }
    return c.json(await statementViewJson(deps, view));
  });

  app.get("/:id/receipt", async (c) => {
    const { id } = parseWith(StatementIdParam, c.req.param(), "id");
    const statement = await getStatement(deps.archive.items, id);
    return receiptResponse(
      deps.log.reader,
      loggedStatement(statement),
      c.req.header("accept"),
      deps.receiptKey,
      deps.witnessPolicy,
    );
  });

  app.get("/:id/versions", async (c) => {
    const { id } = parseWith(StatementIdParam, c.req.param(), "id");
    const chain = await getVersions(deps.archive.items, id);
    const publisher = await publisherLookup(deps.archive.items)(chain.publisher);
    return c.json({ ...chain, publisher, publisherId: chain.publisher });
  });

  app.get("/:id/original", async (c) => {
    const { id } = parseWith(StatementIdParam, c.req.param(), "id");
    const { record } = await getStatement(deps.archive.items, id);
    const etag = `"${record.original.sha256}"`;
    const headers: Record<string, string> = {
      etag,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "repr-digest": `sha-256=:${formatBase64(parseHex(record.original.sha256))}:`,
      "content-security-policy": "sandbox",
    };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    const redirect = await originalRedirect(deps.archive, record);
    if (redirect) return redirect;
    const bytes = await readAsRecorded(
      deps,
      originalKey(record.original.sha256),
      record.original.sha256,
      `original of statement ${id}`,
    );
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      // What the record says, if it is a media type at all: records signed before the grammar
      // (issue #13) may hold any string a client sent, and it must not become a header.
      "content-type": mediaTypeEssence(record.original.mediaType) ?? "application/octet-stream",
      "content-disposition": contentDisposition(record.original.filename ?? `${id}`),
    });
  });

  app.get("/:id/text", async (c) => {
    const { id } = parseWith(StatementIdParam, c.req.param(), "id");
    const { record } = await getStatement(deps.archive.items, id);
    if (!record.text?.sha256) {
      throw new ArchiveError(
        "NOT_FOUND",
        `statement ${id} has no extracted text (${record.text?.status ?? "none"})`,
      );
    }
    const redirect = await textRedirect(deps.archive, record);
    if (redirect) return redirect;
    const bytes = await readAsRecorded(
      deps,
      textKey(record.text.sha256),
      record.text.sha256,
      `text of statement ${id}`,
    );
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    });
  });

  return app;
}

/**
 * Stored bytes, checked against the SHA-256 in the signed record before they are served:
 * tampering in S3 must surface as an error, never as someone else's words under this name.
 */
async function readAsRecorded(
  deps: ApiDeps,
  key: string,
  sha256Hex: string,
  what: string,
): Promise<Uint8Array> {
  const bytes = await deps.archive.objects.get(key);
  if (!bytes || formatHex(sha256(bytes)) !== sha256Hex) {
    throw new ArchiveError("INTEGRITY", `the stored ${what} does not match its signed record`);
  }
  return bytes;
}

interface Upload {
  body: Uint8Array;
  declaredMediaType: string | null;
  filename: string | null;
  fields: Fields;
  /** The publisher's signature (archive publisher-signature.ts), when sent. */
  signature: string | null;
}

/**
 * The document and its fields, every one checked before the archive sees them (issue #13): the
 * media type against one grammar on both paths (the Content-Type header, or the file part's),
 * every text as strict UTF-8, every field and parameter given once.
 */
async function readUpload(request: Request, url: string, max: number): Promise<Upload> {
  const contentType = request.headers.get("content-type") ?? "";
  const tooLarge = () =>
    new ArchiveError(
      "TOO_LARGE",
      `the document is larger than ${max} bytes; upload large documents with POST /v1/uploads (a presigned upload)`,
      { details: { maxBytes: max } },
    );
  const essence = cleanMediaType(contentType, "Content-Type");
  if (essence !== "multipart/form-data") {
    const { filename, signature, ...rest } = queryParams(url);
    const fields = parseWith(StatementFields, rest, "query");
    const body = await readBody(request, max, tooLarge);
    return {
      body,
      declaredMediaType: essence,
      filename: filename ?? null,
      fields,
      signature: oneSignature(signature, request.headers.get(SIGNATURE_HEADER)),
    };
  }
  const raw = await readBody(request, max + MULTIPART_OVERHEAD, tooLarge);
  checkMultipartShape(raw, contentType);
  const parts = parseMultipartForm(raw, contentType);
  const seen = new Set<string>();
  for (const part of parts) {
    if (seen.has(part.name)) {
      throw new ArchiveError("BAD_REQUEST", `${part.name}: sent more than once; send one ${part.name} part`, {
        details: { field: part.name },
      });
    }
    seen.add(part.name);
  }
  const file = parts.find((part) => part.name === "file");
  if (!file || file.filename === null) {
    throw new ArchiveError("BAD_REQUEST", "file: the multipart body needs a 'file' part with the document", {
      details: { field: "file" },
    });
  }
  if (file.body.length > max) throw tooLarge();
  const rest: Record<string, string> = {};
  for (const part of parts) {
    if (part === file) continue;
    // The signature may come as a text field or as the .sig file itself.
    const text = part.filename === null || part.name === "signature";
    const value = text ? strictUtf8(part.body) : undefined;
    if (value === undefined) {
      const why = text ? "not valid UTF-8" : "expected a text field, not a file";
      throw new ArchiveError("BAD_REQUEST", `${part.name}: ${why}`, { details: { field: part.name } });
    }
    rest[part.name] = value;
  }
  const { signature, ...named } = rest;
  const fields = parseWith(StatementFields, named, "form");
  return {
    body: file.body,
    declaredMediaType: cleanMediaType(file.contentType, "file"),
    filename: file.filename || null,
    fields,
    signature: oneSignature(signature, request.headers.get(SIGNATURE_HEADER)),
  };
}

/** A raw-body upload may carry its publisher signature in this header instead of `?signature=`. */
const SIGNATURE_HEADER = "isnad-signature";

function oneSignature(field: string | undefined, header: string | null): string | null {
  if (field !== undefined && header !== null) {
    throw new ArchiveError(
      "BAD_REQUEST",
      `signature: sent twice (as a field and as ${SIGNATURE_HEADER}); send one`,
      {
        details: { field: "signature" },
      },
    );
  }
  return field ?? header;
}

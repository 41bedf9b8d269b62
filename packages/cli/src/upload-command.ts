/**
 * `isnad upload <file>`: archive a document as a publisher. The file is streamed (never held in
 * memory) as the raw request body with the fields as query parameters (DESIGN.md "POST
 * /v1/statements"), hashed on the way so that the SHA-256 the server signed can be checked
 * against the bytes that were actually read.
 */
import { writeFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { ReceiptJson } from "@isnad/core";
import { createApiClient, resolveServer, SERVER_HELP, SERVER_OPTION } from "./api-client";
import { CliError, EXIT, stringOption, type Command, type CommandContext } from "./command";
import { fileError, fileSize, hashingStream } from "./local-file";
import { createProgress } from "./progress";
import { statementUrl, type StatementRecordJson } from "./statement-view";
import { SIGNING_OPTION_SPECS, fieldsFromOptions } from "./statement-signing";
import { uploadSignature } from "./upload-signature";

/** A declared type for the formats isnad extracts; the server sniffs and decides anyway. */
const MEDIA_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".html": "text/html",
  ".htm": "text/html",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
};

interface UploadResponse {
  id: string;
  record: StatementRecordJson;
  receipt?: ReceiptJson | null;
}

export const uploadCommand: Command = {
  usage: "isnad upload <file> [options]",
  help: `Archive a document (PDF, DOCX, HTML, TXT, Markdown) as a publisher, and print its permanent URL.

Options:
  --title TEXT            the statement's title as published
  --language TAG          BCP 47 language tag, e.g. ar, en
  --published-at DATE     when you published it (RFC 3339, e.g. 2024-05-01)
  --source-url URL        where you published it
  --supersedes ID         the id of an earlier statement of yours that this one corrects
  --translation-of ID     the id of the statement this one translates
  --signature FILE        your signature of it (from isnad sign, or ssh-keygen -Y sign over the
                          message isnad sign --message-out writes)
  --sign-key KEYFILE      sign it here instead, with --publisher ID --domain DOMAIN [--format]
  --key KEY               your publisher API key (default: ISNAD_API_KEY)
  --receipt-out FILE      save the offline receipt (check it later with \`isnad receipt verify\`)
${SERVER_HELP}
  --json                  print one JSON document

Exit codes: 0 archived (new or already), 1 refused (bad key, bad field, too large),
3 server unreachable or failing, or the file unreadable.`,
  options: {
    ...SERVER_OPTION,
    key: { type: "string" },
    "receipt-out": { type: "string" },
    signature: { type: "string" },
    "sign-key": { type: "string" },
    ...SIGNING_OPTION_SPECS,
  },
  positionals: [1, 1],
  run: upload,
};

async function upload(ctx: CommandContext) {
  const path = ctx.positionals[0]!;
  const key = stringOption(ctx, "key") ?? (ctx.env.ISNAD_API_KEY || undefined);
  if (!key) {
    throw new CliError(
      "no API key: pass --key KEY or set ISNAD_API_KEY (a publisher's key from `isnad publisher create`)",
      EXIT.failed,
    );
  }
  const api = createApiClient(resolveServer(ctx));
  const size = await fileSize(path);
  const query = new URLSearchParams({ filename: basename(path), ...fieldsFromOptions(ctx) });
  const signature = await uploadSignature(ctx, path, size);
  if (signature) query.set("signature", signature);
  const progress = createProgress(`uploading ${basename(path)}`, size, { json: ctx.json });
  const { stream, digest } = hashingStream(path, progress);
  const request = api.json<UploadResponse>(`/v1/statements?${query}`, {
    method: "POST",
    body: stream,
    // Streaming request bodies need half duplex in fetch (WHATWG Fetch, "duplex").
    duplex: "half",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": MEDIA_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
      "content-length": String(size),
    },
  } as RequestInit);
  const { status, body } = await request.catch((e: unknown) => {
    progress.abort();
    throw e;
  });

  const sha256 = digest();
  if (body.record.original.sha256 !== sha256) {
    throw new CliError(
      `the server archived bytes with SHA-256 ${body.record.original.sha256}, but ${path} has ${sha256}; ` +
        "the file may have changed during the upload",
      EXIT.failed,
    );
  }
  const created = status === 201;
  const receiptOut = stringOption(ctx, "receipt-out");
  if (receiptOut) await saveReceipt(receiptOut, body.receipt ?? (await fetchReceipt(api, body.id)));
  const url = statementUrl(api.server, body.id);
  ctx.out.result(
    {
      status: created ? "created" : "already-archived",
      id: body.id,
      sha256,
      url,
      receiptFile: receiptOut ?? null,
      statement: body,
    },
    () => [
      created
        ? `archived: ${body.record.title ?? basename(path)}`
        : `already archived: ${body.record.title ?? basename(path)} (you uploaded these exact bytes before; nothing changed)`,
      `  id        ${body.id}`,
      `  sha256    ${sha256}`,
      `  received  ${body.record.receivedAt}`,
      ...(body.record.publisherSignature
        ? [
            `  signed    by ${body.record.publisherSignature.domain} (key ${body.record.publisherSignature.keyId})`,
          ]
        : []),
      `  url       ${url}`,
      receiptOut
        ? `  receipt   saved to ${receiptOut} (check it offline: isnad receipt verify --receipt ${receiptOut} --original ${path} --keys KEYS.json)`
        : `  receipt   ${api.url(`/v1/statements/${body.id}/receipt`)}`,
    ],
  );
  return EXIT.ok;
}

async function fetchReceipt(api: ReturnType<typeof createApiClient>, id: string): Promise<ReceiptJson> {
  try {
    return (await api.json<ReceiptJson>(`/v1/statements/${id}/receipt`)).body;
  } catch (e) {
    throw new CliError(
      `the statement is archived, but its receipt is not ready (${(e as Error).message}); ` +
        `fetch it later with: isnad receipt fetch ${id} --out FILE`,
      EXIT.error,
      { cause: e },
    );
  }
}

async function saveReceipt(path: string, receipt: ReceiptJson): Promise<void> {
  try {
    await writeFile(path, JSON.stringify(receipt, null, 2) + "\n");
  } catch (e) {
    throw fileError(path, e);
  }
}

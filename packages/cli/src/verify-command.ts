/**
 * `isnad verify <file> | --sha256 HEX | --text "…"`: is it in the archive, and whose is it?
 * A file is hashed here and only its SHA-256 is sent: verifying never uploads the document.
 */
import { basename } from "node:path";
import { createApiClient, resolveServer, SERVER_HELP, SERVER_OPTION, type ApiClient } from "./api-client";
import { EXIT, UsageError, stringOption, type Command, type CommandContext } from "./command";
import { fileSize, hashFile } from "./local-file";
import { createProgress } from "./progress";
import { formatVerifyReport, isConfirmed, type QuoteMatchJson, type VerifyResponse } from "./verify-report";

/** GET /v1/verify?text= takes quotes up to this length; longer ones are POSTed. */
const MAX_LINK_TEXT = 4000;

export const verifyCommand: Command = {
  usage: 'isnad verify <file> | --sha256 HEX | --text "QUOTE" [options]',
  help: `Check a file, a SHA-256 or a quoted sentence against the archive, and say in plain words
whether it is authentic, which statement it is, who published it and when.

  <file>            hashed on this machine; only its SHA-256 is sent (the file is never uploaded)
  --sha256 HEX      a SHA-256 you already have (64 hex digits)
  --text "QUOTE"    a quoted sentence; "…" or "..." marks left-out words
${SERVER_HELP}
  --json            print one JSON document (the server's answer, plus the link)

Verdicts: authentic (the exact file), verbatim, same words (written differently: diacritics,
letter variants, digits …), abridged (parts in order), CANNOT TELL (uncertain: the quote differs
only where the archived text was damaged by extraction; compare with the original file), ALTERED (a
negation, number or word changed, shown beside the original), not found.

Exit codes: 0 authentic, verbatim, same words or abridged; 1 uncertain, altered or not found
(or no valid signature); 3 server unreachable.`,
  options: { ...SERVER_OPTION, sha256: { type: "string" }, text: { type: "string" } },
  positionals: [0, 1],
  run: verify,
};

async function verify(ctx: CommandContext) {
  const file = ctx.positionals[0];
  const hex = stringOption(ctx, "sha256");
  const text = typeof ctx.values.text === "string" ? ctx.values.text : undefined;
  if ([file, hex, text].filter((x) => x !== undefined).length !== 1) {
    throw new UsageError("give exactly one of: a file, --sha256 HEX, --text QUOTE");
  }
  if (hex !== undefined && !/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new UsageError("--sha256: expected 64 hexadecimal digits");
  }
  if (text !== undefined && text.trim() === "") throw new UsageError("--text: the quote is empty");
  const api = createApiClient(resolveServer(ctx));

  let result: VerifyResponse;
  let url: string;
  if (text !== undefined) {
    url = api.url(`/v1/verify?${new URLSearchParams({ text })}`);
    result = (
      await api.json<VerifyResponse>("/v1/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text }),
      })
    ).body;
    if (text.length > MAX_LINK_TEXT) url = api.url("/");
  } else {
    const sha256 = hex?.toLowerCase() ?? (await hashLocalFile(ctx, file!));
    url = api.url(`/v1/verify?${new URLSearchParams({ sha256 })}`);
    result = (await api.json<VerifyResponse>(url.slice(api.server.length))).body;
  }

  const texts = text !== undefined ? await passageTexts(api, result) : new Map<string, string>();
  const confirmed = isConfirmed(result);
  ctx.out.result({ ...result, confirmed, url, ...(file ? { file } : {}) }, () =>
    formatVerifyReport(api.server, result, url, texts),
  );
  return confirmed ? EXIT.ok : EXIT.failed;
}

async function hashLocalFile(ctx: CommandContext, path: string): Promise<string> {
  const size = await fileSize(path);
  return hashFile(path, createProgress(`hashing ${basename(path)}`, size, { json: ctx.json }));
}

/**
 * The extracted text of the best match, to show the passage in the original's words. Best
 * effort: the verdict stands without it.
 */
async function passageTexts(api: ApiClient, result: VerifyResponse): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const first = result.matches[0] as QuoteMatchJson | undefined;
  if (!first?.passages?.length) return texts;
  try {
    const response = await api.request(`/v1/statements/${first.statement}/text`);
    texts.set(first.statement, await response.text());
  } catch {
    // Shown without the passage.
  }
  return texts;
}

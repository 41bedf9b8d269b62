/**
 * `isnad receipt fetch <id>`: save a statement's receipt for offline verification later. The
 * receipt is checked for shape here, not trusted: `isnad receipt verify` is the check.
 */
import { writeFile } from "node:fs/promises";
import { formatReceipt, parseReceipt, type ReceiptJson } from "@isnad/core";
import { createApiClient, resolveServer, SERVER_HELP, SERVER_OPTION } from "./api-client";
import { CliError, EXIT, UsageError, stringOption, type Command, type CommandContext } from "./command";
import { fileError } from "./local-file";

export const receiptFetchCommand: Command = {
  usage: "isnad receipt fetch <statement id> [--out FILE] [options]",
  help: `Download a statement's offline receipt (entry, inclusion proof, signed checkpoint).

  --out FILE       save it there (default: print it on stdout)
${SERVER_HELP}
  --json           print one JSON document ({id, out, receipt})

Exit codes: 0 saved, 1 no such statement, 3 server unreachable or the file cannot be written.`,
  options: { ...SERVER_OPTION, out: { type: "string" } },
  positionals: [1, 1],
  run: receiptFetch,
};

async function receiptFetch(ctx: CommandContext) {
  const id = ctx.positionals[0]!;
  if (!/^[0-9a-f]{32}$/.test(id)) throw new UsageError(`${id} is not a statement id (32 hex digits)`);
  const api = createApiClient(resolveServer(ctx));
  const { body } = await api.json<ReceiptJson>(`/v1/statements/${id}/receipt`);
  let receipt: ReceiptJson;
  try {
    receipt = formatReceipt(parseReceipt(body));
  } catch (cause) {
    throw new CliError(`the server sent a malformed receipt: ${(cause as Error).message}`, EXIT.error, {
      cause,
    });
  }
  const out = stringOption(ctx, "out");
  const text = JSON.stringify(receipt, null, 2) + "\n";
  if (out) {
    await writeFile(out, text).catch((e: unknown) => {
      throw fileError(out, e);
    });
  }
  ctx.out.result({ id, out: out ?? null, receipt }, () =>
    out
      ? [
          `saved the receipt of ${id} to ${out}`,
          `  leaf ${receipt.leafIndex} of a tree of ${receipt.inclusionProof.treeSize}`,
          `  check it offline: isnad receipt verify --receipt ${out} --original FILE --keys KEYS.json`,
        ]
      : [text.trimEnd()],
  );
  return EXIT.ok;
}

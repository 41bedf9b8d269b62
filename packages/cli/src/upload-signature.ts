/**
 * The publisher signature `isnad upload` sends (issue #17): read from `--signature FILE`, or made
 * on the spot with `--sign-key KEYFILE` over the same isnad-statement/v1 message `isnad sign`
 * makes. It travels as the `signature` query parameter (an armored SSHSIG has line breaks, which
 * a header cannot carry).
 */
import { basename } from "node:path";
import { MAX_SIGNATURE_CHARS } from "@isnad/cose";
import { CliError, EXIT, UsageError, stringOption, type CommandContext } from "./command";
import { hashFile, readLocalFile } from "./local-file";
import { createProgress } from "./progress";
import { messageFromOptions, readSigningSeed, signMessage, signatureFormat } from "./statement-signing";

export async function uploadSignature(
  ctx: CommandContext,
  path: string,
  size: number,
): Promise<string | undefined> {
  const file = stringOption(ctx, "signature");
  const keyFile = stringOption(ctx, "sign-key");
  if (file && keyFile) throw new UsageError("give --signature FILE or --sign-key KEYFILE, not both");
  if (file) {
    const bytes = await readLocalFile(file);
    if (bytes.length > MAX_SIGNATURE_CHARS) {
      throw new CliError(`${file} is not a signature (more than ${MAX_SIGNATURE_CHARS} bytes)`, EXIT.usage);
    }
    return new TextDecoder().decode(bytes).trim();
  }
  if (!keyFile) return undefined;
  const seed = await readSigningSeed(keyFile);
  const progress = createProgress(`hashing ${basename(path)} to sign it`, size, { json: ctx.json });
  const message = messageFromOptions(ctx, await hashFile(path, progress));
  return (await signMessage(seed, message, signatureFormat(ctx))).trim();
}

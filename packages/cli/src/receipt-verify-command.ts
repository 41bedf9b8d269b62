/**
 * `isnad receipt verify`: check a receipt, the original file and the public keys against each
 * other with no network at all (this module imports nothing that could open a connection).
 */
import { basename } from "node:path";
import { parseWitnessPolicy } from "@isnad/core";
import { EXIT, UsageError, stringOption, type Command, type CommandContext } from "./command";
import { fileSize, hashFile, readLocalFile } from "./local-file";
import { createProgress } from "./progress";
import { checkReceiptOffline, type Check, type ReceiptReport } from "./receipt-checks";
import { checkReceiptTimestamps } from "./receipt-timestamps";
import { checkPublisherSignatureOffline, loadPublisherKeys, type PublisherCheck } from "./receipt-publisher";
import { loadTrust } from "./trust-material";

export const receiptVerifyCommand: Command = {
  usage: "isnad receipt verify --receipt FILE --original FILE (--log-key KEY | --keys FILE) [options]",
  help: `Verify a receipt offline: the file's SHA-256 is the one in the signed record, the record's
signature holds, the record is in the transparency log, and the log signed that tree.
No network is used: fetch the keys beforehand (\`isnad keys fetch --out keys.json\`).

  --receipt FILE       the receipt (JSON from upload --receipt-out or \`isnad receipt fetch\`,
                       or the same receipt as C2SP tlog-proof text)
  --original FILE      the document the receipt is for
  --log-key KEY|FILE   the log's note verifier key (\`verifierKey\` of GET /v1/log)
  --record-key KEY|FILE  the record-signing public key (base64, from GET /v1/keys)
  --keys FILE          a keys file from \`isnad keys fetch\` (gives both keys and the log's origin)
  --origin NAME        the log's origin to insist on (default: the keys file's)
  --policy FILE        a witness policy (GET /v1/policy, C2SP tlog-policy): its quorum of
                       witnesses must have cosigned the receipt's checkpoint (default: the
                       policy \`isnad keys fetch\` saved in the keys file)
  --tsa-root FILE      pinned RFC 3161 TSA root certificate(s), PEM: the receipt's timestamps
                       must verify and chain to one ("existed no later than …")
  --tsa-policy OID     the TSA policy to insist on (default: any)
  --publisher-keys FILE  the publisher's domain keys (GET /v1/publishers/{id}/keys; or save them in
                       the keys file with \`isnad keys fetch --publisher ID\`): a publisher
                       signature in the record must be by one its domain declared
  --json               print one JSON document

Without --record-key or --keys the record's signature is not checked (and the output says so).
Exit codes: 0 every check passed, 1 a check failed, 2 usage, 3 a file cannot be read.`,
  options: {
    receipt: { type: "string" },
    original: { type: "string" },
    "log-key": { type: "string" },
    "record-key": { type: "string" },
    keys: { type: "string" },
    origin: { type: "string" },
    policy: { type: "string" },
    "tsa-root": { type: "string" },
    "tsa-policy": { type: "string" },
    "publisher-keys": { type: "string" },
  },
  positionals: [0, 0],
  run: receiptVerify,
};

const MARK: Record<Check["status"], string> = { pass: "✓", fail: "✗", skipped: "–" };

async function receiptVerify(ctx: CommandContext) {
  const receiptPath = stringOption(ctx, "receipt");
  const originalPath = stringOption(ctx, "original");
  if (!receiptPath || !originalPath)
    throw new UsageError("--receipt FILE and --original FILE are both needed");
  const trust = await loadTrust(ctx);
  const policyPath = stringOption(ctx, "policy");
  if (policyPath) {
    const text = new TextDecoder().decode(await readLocalFile(policyPath));
    try {
      trust.policy = parseWitnessPolicy(text);
    } catch (e) {
      throw new UsageError(`--policy ${policyPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const tsaRoot = stringOption(ctx, "tsa-root");
  if (tsaRoot) trust.tsaRoots = [new TextDecoder().decode(await readLocalFile(tsaRoot))];
  const tsaPolicy = stringOption(ctx, "tsa-policy");
  if (tsaPolicy) trust.tsaPolicies = [tsaPolicy];
  const receiptText = new TextDecoder().decode(await readLocalFile(receiptPath));
  const size = await fileSize(originalPath);
  const sha256 = await hashFile(
    originalPath,
    createProgress(`hashing ${basename(originalPath)}`, size, { json: ctx.json }),
  );
  const offline = checkReceiptOffline(receiptText, sha256, trust);
  const publisherKeys = await loadPublisherKeys(
    stringOption(ctx, "publisher-keys"),
    stringOption(ctx, "keys"),
  );
  const publisher = await checkPublisherSignatureOffline(receiptText, publisherKeys, originalPath);
  const checks: (Check | PublisherCheck)[] = [
    ...offline.checks,
    ...(publisher ? [publisher] : []),
    ...(await checkReceiptTimestamps(receiptText, trust)),
  ];
  const report = { ...offline, checks, verified: checks.every((c) => c.status !== "fail") };
  ctx.out.result({ ...report, sha256, receipt: receiptPath, original: originalPath }, () =>
    formatReport(report),
  );
  return report.verified ? EXIT.ok : EXIT.failed;
}

function formatReport(
  report: Omit<ReceiptReport, "checks"> & { checks: (Check | PublisherCheck)[] },
): string[] {
  const lines = ["offline receipt check (no network used):"];
  for (const c of report.checks) lines.push(`  ${MARK[c.status]} ${c.step.padEnd(10)} ${c.message}`);
  const failed = [...new Set(report.checks.filter((c) => c.status === "fail").map((c) => c.step))];
  const r = report.record;
  if (report.verified && r) {
    lines.push(
      `VERIFIED: ${typeof r.title === "string" ? `«${r.title}»` : "statement"} ${String(r.id)}, ` +
        `published by ${String(r.publisher)}, archived by isnad at ${String(r.receivedAt)}.`,
    );
  } else {
    lines.push(`NOT VERIFIED: the ${failed.join(", ")} check${failed.length === 1 ? "" : "s"} failed.`);
  }
  return lines;
}

/**
 * The trusted-time step of `receipt verify` (issue #16): each RFC 3161 token a receipt carries is
 * checked with @isnad/timestamp over SHA-256 of the receipt's checkpoint body — imprint, policy,
 * genTime, the critical timeStamping EKU, the ESSCertID(v2) binding, the CMS signature and the
 * chain to a pinned TSA root (--tsa-root). Async (CMS through WebCrypto), so it runs beside
 * checkReceiptOffline rather than inside it. The nonce was the log's to check when it asked.
 */
import { utf8 } from "@isnad/core";
import { verifyTimestampToken } from "@isnad/timestamp";
import type { Check, OfflineTrust } from "./receipt-checks";
import { parseReceiptText } from "./receipt-checks";

/** The signed part of a C2SP note: everything before the blank line and the signatures. */
function checkpointBody(note: string): string {
  const end = note.indexOf("\n\n");
  return end === -1 ? note : note.slice(0, end + 1);
}

export async function checkReceiptTimestamps(receiptText: string, trust: OfflineTrust): Promise<Check[]> {
  let stamps;
  let checkpoint: string;
  try {
    const receipt = parseReceiptText(receiptText);
    stamps = receipt.timestamps ?? [];
    checkpoint = receipt.checkpoint;
  } catch {
    return []; // checkReceiptOffline already reports a receipt that does not parse
  }
  const roots = trust.tsaRoots ?? [];
  if (stamps.length === 0) {
    return roots.length > 0
      ? [{ step: "timestamp", status: "fail", message: "the receipt carries no RFC 3161 timestamp" }]
      : [];
  }
  if (roots.length === 0) {
    return [
      {
        step: "timestamp",
        status: "skipped",
        message: `not checked: ${stamps.length} RFC 3161 timestamp(s); give --tsa-root to check them`,
      },
    ];
  }
  const data = utf8(checkpointBody(checkpoint));
  return Promise.all(
    stamps.map(async (s): Promise<Check> => {
      try {
        const v = await verifyTimestampToken(s.token, data, {
          roots,
          ...(trust.tsaPolicies ? { policies: trust.tsaPolicies } : {}),
        });
        return {
          step: "timestamp",
          status: "pass",
          message: `the checkpoint existed no later than ${v.genTime.toISOString()}, according to ${v.tsa} (RFC 3161, policy ${v.policy})`,
        };
      } catch (e) {
        return {
          step: "timestamp",
          status: "fail",
          message: `the timestamp from ${s.tsa} does not verify: ${e instanceof Error ? e.message : String(e)}`,
        };
      }
    }),
  );
}

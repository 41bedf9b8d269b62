/**
 * The publisher step of the verify page's receipt check (issue #17), in the browser: the same
 * pure check as `isnad receipt verify` (packages/cli publisher-check.ts, on @isnad/cose, no
 * node:*). A record the publisher signed is checked under the key it names — for a SCITT Signed
 * Statement, from the chosen file's own bytes, which are the COSE_Sign1 — and that key against the
 * domain's key list: the keys file's `publisherKeys` (`isnad keys fetch --publisher ID`), else
 * this site's /v1/publishers/{id}/keys (the note says which). An unsigned record adds no step.
 */
import { needsOriginal } from "@isnad/cose";
import {
  checkRecordPublisher,
  publisherKeysOf,
  receiptRecord,
  type PublisherCheck,
  type PublisherKeyJson,
} from "../../../cli/src/publisher-check";

export interface PublisherStep {
  check: PublisherCheck;
  /** Who signed, when the signature holds under the record's key. */
  signer?: { domain: string; keyId: string };
  /** Where the domain's keys came from, or why there were none. */
  source: "file" | "server" | { unavailable: string };
  url?: string;
}

export async function publisherStep(
  receiptText: string,
  original: File,
  keysDoc: { publisherKeys?: unknown },
): Promise<PublisherStep | undefined> {
  const record = receiptRecord(receiptText);
  if (!record || record.publisherSignature === undefined) return undefined;
  const bytes = needsOriginal(record) ? new Uint8Array(await original.arrayBuffer()) : undefined;
  let keys: PublisherKeyJson[] | null = null;
  let source: PublisherStep["source"];
  let url: string | undefined;
  if (keysDoc.publisherKeys !== undefined) {
    keys = publisherKeysOf(keysDoc.publisherKeys);
    source = keys ? "file" : { unavailable: "the keys file's publisherKeys is not a key list" };
  } else {
    url = new URL(`/v1/publishers/${encodeURIComponent(String(record.publisher))}/keys`, window.location.href)
      .href;
    try {
      const response = await fetch(url, { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      keys = publisherKeysOf(await response.json());
      source = keys ? "server" : { unavailable: "not a key list" };
    } catch (e) {
      source = { unavailable: e instanceof Error ? e.message : String(e) };
    }
  }
  const check = await checkRecordPublisher(record, bytes, keys);
  if (!check) return undefined;
  const signed = record.publisherSignature as { domain?: unknown; keyId?: unknown };
  return {
    check,
    source,
    ...(url ? { url } : {}),
    ...(check.status === "pass"
      ? { signer: { domain: String(signed.domain), keyId: String(signed.keyId) } }
      : {}),
  };
}

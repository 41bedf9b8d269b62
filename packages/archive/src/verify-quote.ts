/**
 * Verify by text: where, and how faithfully, does this quote appear in the archive?
 *
 * A pasted whole statement is found by its fingerprint (one Query). Otherwise a few of the quote's
 * shingles are looked up in parallel (core picks them spread out, so one changed word spoils as
 * few lookups as possible), the statements that share most of them become candidates, and core's
 * alignment on each candidate's stored text gives the verdict and the offsets. The work is a few
 * reads per quote whatever the size of the archive.
 */
import { fingerprintText, formatHex, matchQuote, quoteShingles, sha256, type QuoteMatch } from "@isnad/core";
import { ArchiveError } from "./errors";
import { fingerprintKey, shingleKey } from "./quote-index";
import { getStatement, type StatementView } from "./provenance";
import { textKey } from "./ingest";
import { verifyRecordSignature, type SignatureCheck } from "./signing";
import type { ItemStore, ObjectStore } from "./ports";

export const MAX_CANDIDATES = 5;
const RANK: Record<QuoteMatch["verdict"], number> = {
  verbatim: 0,
  "same-words": 1,
  abridged: 2,
  altered: 3,
  "not-found": 4,
};

export interface QuoteResult {
  view: StatementView;
  match: QuoteMatch;
  signature: SignatureCheck;
  /** True when the whole normalized text equals the statement's (its fingerprint matched). */
  wholeStatement: boolean;
}

export interface QuoteVerification {
  verdict: QuoteMatch["verdict"];
  results: QuoteResult[];
  /** DynamoDB reads this verification made (for the benchmark and the curious). */
  reads: number;
}

export async function verifyQuote(
  stores: { items: ItemStore; objects: ObjectStore },
  quote: string,
  keyring: ReadonlyMap<string, Uint8Array>,
): Promise<QuoteVerification> {
  const shingles = quoteShingles(quote);
  const fingerprint = fingerprintText(quote).sha256;
  if (shingles.length === 0) {
    throw new ArchiveError("BAD_REQUEST", "text: a quote needs at least 3 words (per ellipsis fragment)", {
      details: { field: "text" },
    });
  }
  const [whole, ...pages] = await Promise.all([
    stores.items.query(fingerprintKey(fingerprint), { limit: MAX_CANDIDATES }),
    ...shingles.map((s) => stores.items.query(shingleKey(s.key), { limit: 200 })),
  ]);
  const wholeIds = new Set(whole!.items.map((i) => i.sk));
  const votes = new Map<string, number>();
  for (const page of pages) for (const item of page.items) votes.set(item.sk, (votes.get(item.sk) ?? 0) + 1);
  for (const id of wholeIds) votes.set(id, Number.MAX_SAFE_INTEGER);
  const candidates = [...votes.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_CANDIDATES)
    .map(([id]) => id);

  const settled = await Promise.all(
    candidates.map((id) => examine(stores, id, quote, keyring, wholeIds.has(id))),
  );
  const results = settled
    .filter((r): r is QuoteResult => r !== undefined && r.match.verdict !== "not-found")
    .sort(
      (a, b) =>
        RANK[a.match.verdict] - RANK[b.match.verdict] ||
        a.view.record.receivedAt.localeCompare(b.view.record.receivedAt),
    );
  return {
    verdict: results[0]?.match.verdict ?? "not-found",
    results,
    reads: 1 + shingles.length + candidates.length * 2,
  };
}

async function examine(
  stores: { items: ItemStore; objects: ObjectStore },
  id: string,
  quote: string,
  keyring: ReadonlyMap<string, Uint8Array>,
  wholeStatement: boolean,
): Promise<QuoteResult | undefined> {
  const view = await getStatement(stores.items, id).catch((e: unknown) => {
    if (e instanceof ArchiveError && e.code === "NOT_FOUND") return undefined; // still pending
    throw e;
  });
  const digest = view?.record.text?.sha256;
  if (!view || !digest) return undefined;
  const bytes = await stores.objects.get(textKey(digest));
  // A text that no longer matches the signed record is reported by the provenance endpoints; it
  // must never support a verdict here.
  if (!bytes || formatHex(sha256(bytes)) !== digest) return undefined;
  const match = matchQuote(quote, new TextDecoder().decode(bytes));
  return { view, match, signature: verifyRecordSignature(view.record, keyring), wholeStatement };
}

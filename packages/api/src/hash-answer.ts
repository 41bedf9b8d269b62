/**
 * The answer of verify by hash (GET /v1/verify?sha256=, and a file's hash): every statement whose
 * original has these bytes, each with its signature and its inclusion in the log checked.
 *
 * A popular file is verified again and again (issue #15). The lookup of which statements have the
 * bytes is made on every request (verify-hash.ts); what follows is kept as the JSON text of the
 * answer, and served again while both of its sources stand:
 * - the matches array: verifyBySha256 returns the same array only while every statement in it is
 *   the sound view verify-recent.ts keeps (in the log, its signature valid, its content matching,
 *   read within VERIFY_RECENT_MS and not dropped by a supersession), under the same keys;
 * - the log head its inclusion checks were proven against: LogReader.recentHead() is the same
 *   object only while no other head was observed and none was forgotten (a state that failed its
 *   checks or went backwards), and for at most its 1 s (log-reader.ts RECENT_MS).
 * Only an answer in which every match is authentic is kept: anything that failed a check is
 * checked again on the next request, so a record or log state changed in storage and put back is
 * never served from here. Publisher names are the 5 s ones the answer was built with.
 */
import {
  publisherLookup,
  recentPublisherLookup,
  verifyBySha256,
  type HashMatch,
  type LogHead,
} from "@isnad/archive";
import type { ApiDeps } from "./deps";
import { inclusionOf } from "./receipt-view";
import { signedByJson } from "./signed-by";
import { statementLinks, withPublishers } from "./views";

export interface HashAnswer {
  verdict: "authentic" | "unverified" | "not-found";
  /** The answer as JSON text (the body of a 200). */
  json: string;
}

export function hashAnswers(
  deps: Pick<ApiDeps, "archive" | "keyring" | "log">,
): (hex: string) => Promise<HashAnswer> {
  const publishers = recentPublisherLookup(deps.archive.items, publisherLookup(deps.archive.items));
  // By the matches array: dropped with it when verify-hash.ts replaces it.
  const kept = new WeakMap<readonly HashMatch[], { answer: HashAnswer; head: LogHead }>();
  return async (hex) => {
    const found = await verifyBySha256(deps.archive.items, hex, deps.keyring.byId);
    const known = kept.get(found);
    if (known !== undefined && known.head === deps.log.reader.recentHead()) return known.answer;
    const { answer, allProven } = await buildAnswer(deps, hex, found, publishers);
    const head = deps.log.reader.recentHead();
    if (allProven && head !== undefined) kept.set(found, { answer, head });
    return answer;
  };
}

async function buildAnswer(
  deps: Pick<ApiDeps, "archive" | "log">,
  hex: string,
  found: readonly HashMatch[],
  publishers: ReturnType<typeof recentPublisherLookup>,
): Promise<{ answer: HashAnswer; allProven: boolean }> {
  const matches = await Promise.all(
    found.map(async (m) => ({
      statement: m.record.id,
      publisher: m.record.publisher,
      title: m.record.title,
      publishedAt: m.record.publishedAt,
      receivedAt: m.record.receivedAt,
      superseded: m.supersededBy.length > 0,
      supersededBy: m.supersededBy,
      // Who archived these bytes first, when several publishers did (oldest first).
      archivedFirst: m.archivedFirst,
      signature: m.signature,
      signedBy: signedByJson(m.record),
      inclusion: await inclusionOf(deps, m),
      links: statementLinks(m.record.id),
    })),
  );
  // Authentic needs both proofs: the service's signature on the record, and the record's
  // inclusion in the log's signed checkpoint (so not even the operator could have slipped it in
  // or changed it afterwards). A match failing either is still listed, with the reason.
  const proven = matches.map((m) => m.signature.valid && m.inclusion.checked);
  const verdict = proven.some(Boolean) ? "authentic" : matches.length > 0 ? "unverified" : "not-found";
  const body = {
    query: { sha256: hex.toLowerCase() },
    verdict,
    // Names shared across requests for a few seconds (verify-recent.ts, issue #15).
    matches: await withPublishers(deps, matches, publishers),
  };
  const answer = { verdict, json: JSON.stringify(body) } as const;
  return { answer, allProven: proven.length > 0 && proven.every(Boolean) };
}

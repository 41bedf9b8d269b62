/**
 * Publisher and key changes as signed log entries (issue #4: every signed record — statements,
 * supersessions, publisher and key changes — is in the log), so that who was allowed to write in
 * a publisher's name, and since when, cannot be rewritten either. Only key ids are logged, never
 * a key or its hash.
 *
 * Written after the item they describe: a crash in between leaves a change that works but is not
 * yet logged; the operator's retry of the command logs it (the change itself is idempotent).
 */
import { canonicalize, utf8 } from "@isnad/core";
import type { TransparencyLog } from "./archive-deps";
import { signRecord, type Signer } from "./signing";

export type JournalEvent =
  | {
      type: "isnad.publisher/v1";
      action: "created" | "updated";
      publisher: string;
      name: string;
      /** Display names by language tag, the domain and URL (absent in entries before they existed). */
      names?: Record<string, string>;
      domain?: string | null;
      url?: string | null;
      at: string;
    }
  | { type: "isnad.apikey/v1"; action: "issued" | "revoked"; publisher: string; keyId: string; at: string };

export interface Journal {
  append(event: JournalEvent): Promise<void>;
}

export function createJournal(signer: Signer, log: TransparencyLog): Journal {
  return {
    async append(event) {
      await log.append(utf8(canonicalize(signRecord(event, signer))));
    },
  };
}

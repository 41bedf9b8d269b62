/**
 * A SCRAPI-shaped facade (draft-ietf-scitt-scrapi, "Register Signed Statement", "Query
 * Registration Status", "Resolve Receipt"), so SCITT clients can use isnad with no isnad code:
 *
 *   POST /entries        Content-Type: application/cose, Authorization: Bearer <publisher key>
 *        body: a Signed Statement (COSE_Sign1, tagged or not, payload attached, EdDSA)
 *        → 201 + Location /entries/{id} + the COSE receipt (RFC 9942) when the log integrated it
 *          within REGISTRATION_WAIT_MS; 200 when these bytes were registered already;
 *          otherwise 303 + Location + Retry-After, and the registration goes on.
 *   GET  /entries/{id}   → 200 the COSE receipt; 302 + Location + Retry-After while registering;
 *                          404 when unknown; the error if the registration failed.
 *
 * The entry id is the isnad statement id (32 hex digits: the publisher and the SHA-256 of the
 * Signed Statement's bytes, statement-record.ts), so /v1/statements/{id} shows the same
 * statement, and GET /entries/{id} also answers for statements uploaded through /v1/statements.
 * Every failure is RFC 9290 concise problem details (concise-problem.ts, registered in app.ts).
 */
import { Hono } from "hono";
import {
  ArchiveError,
  cleanMediaType,
  completeStatement,
  isStatementId,
  readStatement,
  withRetry,
  type StoredStatement,
} from "@isnad/archive";
import { COSE_MEDIA_TYPE } from "@isnad/cose";
import type { ApiDeps } from "../deps";
import { authenticatedPublisher } from "../auth";
import { readBody } from "../read-body";
import { loggedStatement, receiptResponse } from "../receipt-view";
import { archiveSignedStatement, checkSignedStatement, entryIdOf } from "../scitt-registration";
import { RegistrationTracker, TIMED_OUT, within } from "../registration-tracker";

/** How long POST /entries waits for the log before answering 303 (SCRAPI: "a reasonable time"). */
export const REGISTRATION_WAIT_MS = 3_000;
/** Seconds a client should wait before asking again: the log integrates in well under one. */
const RETRY_AFTER = "1";
/** application/scitt-statement+cose (RFC 9943) is the same COSE_Sign1 under its SCITT name. */
const STATEMENT_TYPES = new Set([COSE_MEDIA_TYPE, "application/scitt-statement+cose"]);

const locationOf = (id: string) => `/entries/${id}`;

export function scittEntriesRoutes(deps: ApiDeps, waitMs = REGISTRATION_WAIT_MS): Hono {
  const app = new Hono();
  const registrations = new RegistrationTracker();

  async function receipt(stored: StoredStatement, status: number): Promise<Response> {
    const res = await receiptResponse(
      deps.log.reader,
      loggedStatement(stored),
      COSE_MEDIA_TYPE,
      deps.receiptKey,
    );
    const headers = new Headers(res.headers);
    headers.set("location", locationOf(stored.record.id));
    return new Response(res.body, { status, headers });
  }

  const running = (id: string, status: 302 | 303) =>
    new Response(null, { status, headers: { location: locationOf(id), "retry-after": RETRY_AFTER } });

  app.post("/", async (c) => {
    // Refused before any work: without a receipt key there is nothing to answer with, ever.
    if (!deps.receiptKey) throw new ArchiveError("UNAVAILABLE", "this server has no COSE receipt key");
    const type = cleanMediaType(c.req.header("content-type"), "Content-Type");
    if (type === null || !STATEMENT_TYPES.has(type)) {
      throw new ArchiveError(
        "UNSUPPORTED_MEDIA_TYPE",
        "send the Signed Statement as application/cose (a COSE_Sign1)",
      );
    }
    const publisher = await authenticatedPublisher(deps, c);
    const max = deps.archive.limits.maxUploadBytes;
    const bytes = await readBody(
      c.req.raw,
      max,
      () =>
        new ArchiveError("TOO_LARGE", `the Signed Statement is larger than ${max} bytes`, {
          details: { maxBytes: max },
        }),
    );
    if (bytes.length === 0) throw new ArchiveError("BAD_REQUEST", "the body is empty: send a COSE_Sign1");
    const checked = await checkSignedStatement(deps.archive, publisher, bytes);
    const id = entryIdOf(publisher, bytes);
    const work = archiveSignedStatement(deps.archive, publisher, bytes, checked);
    registrations.track(id, work);
    const result = await within(work, waitMs);
    if (result === TIMED_OUT) return running(id, 303);
    return receipt(result.statement, result.created ? 201 : 200);
  });

  app.get("/:id", async (c) => {
    const id = c.req.param("id");
    if (!isStatementId(id)) {
      throw new ArchiveError("BAD_REQUEST", "an entry id is an isnad statement id: 32 lowercase hex digits", {
        details: { title: "Invalid locator" },
      });
    }
    const stored = await readStatement(deps.archive.items, id);
    if (stored?.state === "committed") return receipt(stored, 200);
    const failed = registrations.failure(id);
    if (failed && !registrations.isRunning(id)) throw failed.error;
    if (stored?.state === "pending") {
      // A registration whose process stopped after its 303 (a frozen Lambda) resumes here, by the
      // same idempotent steps a retried ingest takes; only Signed Statements, never other uploads.
      if (!registrations.isRunning(id) && stored.record.original.mediaType === COSE_MEDIA_TYPE) {
        registrations.track(
          id,
          withRetry(() => completeStatement(deps.archive, stored.record)),
        );
      }
      return running(id, 302);
    }
    if (registrations.isRunning(id)) return running(id, 302);
    throw new ArchiveError("NOT_FOUND", `no entry ${id} is known to this Transparency Service`);
  });

  return app;
}

/**
 * Issue #8, bad input: property-based fuzzing (fast-check) of every endpoint and parser against
 * the local stack in its own process — multipart bodies, raw uploads and their query fields, JSON
 * bodies, PDF/DOCX/HTML with the right magic (random, truncated, mutated, zip bombs), quotes,
 * tile paths, statement ids, query parameters, headers — and of core's receipt verifier with
 * mutated receipts. Every answer must be a 2xx/3xx or a 4xx problem+json, within 5 s; the server
 * must never crash, and its memory stays under a bound.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isIsnadError,
  parseWitnessPolicy,
  requireWitnessQuorum,
  verifyReceipt,
  type ReceiptJson,
} from "@isnad/core";
import { sampleMax } from "../deploy/server-process";
import { scale, writeFigures } from "./figures";
import {
  contentTypeArb,
  documentArb,
  jsonBodyArb,
  multipartArb,
  percentBytesArb,
  queryFieldsArb,
  quoteArb,
  seedDocuments,
  segmentArb,
  tilePathArb,
} from "./fuzz-inputs";
import { fetchTrust } from "./proofs";
import { mutateReceipt, receiptMutationArb, type Mutation } from "./receipt-mutations";
import { startChaosServer, type ChaosServer } from "./server";
import { Traffic } from "./traffic";

const RUNS = scale(25, 150);
const MAX_MS = 5_000;
// The local process holds the app and both emulators (their data in memory); a Lambda has 1 GiB for the app alone.
const MAX_RSS = 1536 * 1024 * 1024;

let server: ChaosServer;
let traffic: Traffic;
let seedId: string;

beforeAll(async () => {
  server = await startChaosServer();
  traffic = new Traffic(server.url);
  const page = await traffic.json<{ statements: { id: string }[] }>("/v1/statements?publisher=etilaf");
  seedId = page.body.statements[0]!.id;
});
afterAll(() => server?.close());

interface Request {
  path: string;
  init?: RequestInit;
}

let slowest = 0;
let skipped = 0;

// Feeds are read by programs: they fail as problem+json like the API.
const isPagePath = (path: string) => /^\/(?:s|p)\//.test(path) && !/\.atom(?:$|\?)/.test(path);

/** Why an answer is unacceptable, or undefined when it is fine. */
async function judge({ path, init }: Request): Promise<string | undefined> {
  const started = performance.now();
  let res: Response;
  try {
    res = await traffic.fetch(path, init);
  } catch (error) {
    // The client refused to send it (an invalid header value, say): nothing reached the server.
    if (error instanceof TypeError && error.message !== "fetch failed") {
      skipped++;
      return undefined;
    }
    return `no answer (${(error as Error).message}; ${String((error as Error).cause)})`;
  }
  const body = await res.text();
  const ms = performance.now() - started;
  slowest = Math.max(slowest, ms);
  const what = `${init?.method ?? "GET"} ${path.slice(0, 120)} → ${res.status}`;
  if (res.status >= 500) return `${what}: ${body.slice(0, 200)}`;
  if (ms > MAX_MS) return `${what} took ${Math.round(ms)} ms`;
  if (res.status >= 400) {
    // Pages answer people: their errors are HTML pages (issue #14); the API's (and a feed's: feed
    // readers are programs) are problem+json. A mistyped feed path under /p/ may get the page.
    const html = res.headers.get("content-type")?.startsWith("text/html");
    if (isPagePath(path) && !html) return `${what}: a page error not in HTML`;
    if (html && /^\/(?:s|p)\//.test(path))
      return body.includes("<html") ? undefined : `${what}: an error page without a page`;
    if (res.headers.get("content-type") !== "application/problem+json") return `${what} without problem+json`;
    const problem = JSON.parse(body) as { type?: string; status?: number };
    if (!problem.type?.startsWith("urn:isnad:problem:") || problem.status !== res.status)
      return `${what}: ${body.slice(0, 200)}`;
  }
  return undefined;
}

const results: { name: string; runs: number; failure?: string }[] = [];

async function fuzz<T>(name: string, arb: fc.Arbitrary<T>, request: (value: T) => Request, runs = RUNS) {
  let reason: string | undefined;
  const details = await fc.check(
    fc.asyncProperty(arb, async (value) => {
      reason = await judge(request(value));
      return reason === undefined;
    }),
    { numRuns: runs, endOnFailure: true },
  );
  const alive = server.alive();
  results.push({
    name,
    runs: details.numRuns,
    ...(details.failed || !alive
      ? {
          failure: `${alive ? "" : "SERVER DIED; "}${reason ?? details.errorInstance} (seed ${details.seed})`,
        }
      : {}),
  });
}

const auth = () => ({ authorization: `Bearer ${server.apiKey}` });
const post = (path: string, body: BodyInit, headers: Record<string, string> = {}): Request => ({
  path,
  init: { method: "POST", body, headers },
});
const bytes = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>;

describe("fuzz", () => {
  it("answers every hostile input with a 4xx problem or a 2xx, in bounded time and memory", async () => {
    const started = performance.now();
    await server.resetPeak();
    const memory = sampleMax(async () => (await server.memory()).rss, 100);
    const seeds = await seedDocuments();

    // Uploads: multipart (random boundaries, truncated parts, huge headers), raw bodies with
    // random types and fields, and documents with the right magic.
    await fuzz("POST /v1/statements multipart", multipartArb, (m) =>
      post("/v1/statements", bytes(m.body), { ...auth(), "content-type": m.contentType }),
    );
    await fuzz("POST /v1/verify multipart", multipartArb, (m) =>
      post("/v1/verify", bytes(m.body), { "content-type": m.contentType }),
    );
    await fuzz(
      "POST /v1/statements raw body + query fields",
      fc.tuple(fc.uint8Array({ maxLength: 2000 }), contentTypeArb, queryFieldsArb),
      ([body, type, query]) =>
        post(`/v1/statements?${new URLSearchParams(query)}`, bytes(body), {
          ...auth(),
          "content-type": type,
        }),
    );
    await fuzz("POST /v1/statements documents (PDF, DOCX, HTML, text)", documentArb(seeds), (d) =>
      post("/v1/statements", bytes(d.bytes), { ...auth(), "content-type": d.type }),
    );
    for (const bomb of seeds.bombs) {
      await fuzz(
        `POST /v1/statements ${bomb.name}`,
        fc.constant(bomb),
        (d) => post("/v1/statements", bytes(d.bytes), { ...auth(), "content-type": d.type }),
        1,
      );
    }
    // JSON bodies and quotes.
    await fuzz("POST /v1/verify JSON", jsonBodyArb, (b) =>
      post("/v1/verify", bytes(b), { "content-type": "application/json" }),
    );
    await fuzz("POST /v1/uploads JSON", jsonBodyArb, (b) =>
      post("/v1/uploads", bytes(b), { ...auth(), "content-type": "application/json" }),
    );
    await fuzz("POST /v1/verify quote", quoteArb, (text) =>
      post("/v1/verify", JSON.stringify({ text }), { "content-type": "application/json" }),
    );
    await fuzz(
      "POST /v1/verify very long quote",
      fc.integer({ min: 90_000, max: 110_000 }),
      (n) =>
        post("/v1/verify", JSON.stringify({ text: "ارتكبت نحو 80 خرقا ".repeat(n / 18) }), {
          "content-type": "application/json",
        }),
      scale(3, 10),
    );
    await fuzz(
      "GET /v1/verify?text= (bytes, not UTF-8)",
      fc.oneof(
        percentBytesArb,
        quoteArb.map((q) => encodeURIComponent(q.replace(/[\ud800-\udfff]/g, "?"))),
      ),
      (t) => ({
        path: `/v1/verify?text=${t}`,
      }),
    );
    await fuzz(
      "GET /v1/verify?sha256=",
      fc.oneof(percentBytesArb, fc.string({ maxLength: 70 }).map(encodeURIComponent)),
      (h) => ({
        path: `/v1/verify?sha256=${h}`,
      }),
    );
    // The log: tile paths, consistency sizes.
    await fuzz("GET /tile/…", tilePathArb, (p) => ({ path: `/tile/${p}` }));
    await fuzz(
      "GET /v1/log/consistency",
      fc.tuple(
        fc.oneof(fc.integer(), fc.string({ maxLength: 20 }).map(encodeURIComponent)),
        fc.oneof(fc.integer(), percentBytesArb),
      ),
      ([from, to]) => ({ path: `/v1/log/consistency?from=${from}&to=${to}` }),
    );
    // Statement ids and the resources under them, listings and query parameters.
    await fuzz(
      "GET /v1/statements/{id}[/…] and /s/{id}",
      fc.tuple(segmentArb, fc.constantFrom("", "/original", "/text", "/receipt", "/versions", "/x")),
      ([id, sub]) => ({ path: `/v1/statements/${id}${sub}` }),
    );
    await fuzz("GET /s/{id}", segmentArb, (id) => ({
      path: `/s/${id}`,
      init: { headers: { accept: "text/html" } },
    }));
    await fuzz(
      "GET /v1/statements?publisher&cursor&limit",
      fc.tuple(
        fc.oneof(fc.constant("etilaf"), segmentArb),
        fc.oneof(segmentArb, fc.base64String({ maxLength: 200 }).map(encodeURIComponent)),
        fc.oneof(fc.integer(), segmentArb),
      ),
      ([publisher, cursor, limit]) => ({
        path: `/v1/statements?publisher=${publisher}&cursor=${cursor}&limit=${limit}`,
      }),
    );
    await fuzz("GET pages with ?lang", segmentArb, (lang) => ({ path: `/s/${seedId}?lang=${lang}` }));
    await fuzz(
      "GET /p/{id}[/feed.atom]",
      fc.tuple(segmentArb, fc.constantFrom("", "/feed.atom", "?cursor=x")),
      ([id, sub]) => ({
        path: `/p/${id}${sub}`,
      }),
    );
    await fuzz("POST /v1/uploads/{id}/complete", segmentArb, (id) =>
      post(`/v1/uploads/${id}/complete`, "", auth()),
    );
    // Headers: keys, Accept, If-None-Match, Idempotency-Key.
    await fuzz(
      "Authorization on POST /v1/statements",
      fc.oneof(fc.string({ maxLength: 600 }), fc.constant("Bearer ")),
      (key) => post("/v1/statements", "doc", { authorization: key, "content-type": "text/plain" }),
    );
    await fuzz(
      "Accept, If-None-Match, Idempotency-Key",
      fc.tuple(
        fc.string({ maxLength: 100 }),
        fc.string({ maxLength: 100 }),
        fc.string({ maxLength: 300 }),
        fc.uint8Array({ minLength: 1, maxLength: 50 }),
      ),
      ([accept, etag, idem, body]) => ({
        path: `/v1/statements/${seedId}${body[0]! % 2 ? "/receipt" : "/original"}`,
        init: { headers: { accept, "if-none-match": etag, "idempotency-key": idem } },
      }),
    );
    await fuzz(
      "POST /v1/statements Idempotency-Key",
      fc.tuple(fc.string({ maxLength: 300 }), fc.uint8Array({ minLength: 1, maxLength: 100 })),
      ([idem, body]) =>
        post("/v1/statements", bytes(body), {
          ...auth(),
          "content-type": "text/plain",
          "idempotency-key": idem,
        }),
    );

    // Core's offline receipt verifier with mutated receipts (no HTTP: the parser itself).
    const trust = await fetchTrust(traffic);
    const receipt = (await traffic.json<ReceiptJson>(`/v1/statements/${seedId}/receipt`)).body;
    const policyAnswer = await traffic.fetch("/v1/policy");
    const policy = policyAnswer.ok ? parseWitnessPolicy(await policyAnswer.text()) : undefined;
    const receiptJudge = (mutation: Mutation): string | undefined => {
      const mutated = mutateReceipt(receipt, mutation);
      const same = JSON.stringify(mutated) === JSON.stringify(receipt);
      try {
        verifyReceipt(mutated, { logVerifierKey: trust.logVerifierKey, origin: trust.origin });
      } catch (error) {
        return isIsnadError(error, "INVALID_RECEIPT")
          ? undefined
          : `threw ${String(error)} for ${JSON.stringify(mutation)}`;
      }
      if (same) return undefined;
      // The log's key alone skips witness cosignatures (C2SP signed-note: signatures by unknown keys
      // are ignored); a changed cosignature is caught by the witness policy, as `receipt verify` does.
      try {
        if (policy) requireWitnessQuorum((mutated as ReceiptJson).checkpoint, policy);
      } catch (error) {
        if (isIsnadError(error)) return undefined;
        return `the witness check threw ${String(error)} for ${JSON.stringify(mutation)}`;
      }
      return `a mutated receipt verified: ${JSON.stringify(mutation)}`;
    };
    const receiptDetails = fc.check(
      fc.property(receiptMutationArb, (mutation) => receiptJudge(mutation) === undefined),
      { numRuns: scale(500, 5_000) },
    );
    // The reason is judged again on the (shrunk) counterexample: shrinking runs passing cases after it.
    const counterexample = receiptDetails.counterexample?.[0];
    results.push({
      name: "core verifyReceipt(mutated receipt)",
      runs: receiptDetails.numRuns,
      ...(receiptDetails.failed
        ? {
            failure: `${counterexample ? receiptJudge(counterexample) : String(receiptDetails.errorInstance)} (seed ${receiptDetails.seed})`,
          }
        : {}),
    });

    const peak = await memory.stop();
    const alive = server.alive();
    const failures = results.filter((r) => r.failure);
    const cases = results.reduce((n, r) => n + r.runs, 0);
    await writeFigures({
      suite: "fuzz",
      requests: traffic.requests,
      unexpected5xx: traffic.unexpected5xx,
      fuzzCases: cases,
      fuzzFailures: failures.length + (alive ? 0 : 1) + (peak > MAX_RSS ? 1 : 0),
      durationMs: performance.now() - started,
      notes: [
        `${results.length} targets; slowest answer ${Math.round(slowest)} ms (bound ${MAX_MS}); server peak RSS ${Math.round(peak / 2 ** 20)} MiB (bound ${MAX_RSS / 2 ** 20}); ` +
          `server alive: ${alive}; ${skipped} inputs the client itself refused to send; statuses ${traffic.statusSummary()}`,
        ...failures.map((f) => `FAILED ${f.name}: ${f.failure}`),
      ],
    });
    expect(failures.map((f) => `${f.name}: ${f.failure}`)).toEqual([]);
    expect(alive).toBe(true);
    expect(traffic.unexpected5xx).toBe(0);
    expect(slowest).toBeLessThan(MAX_MS);
    expect(peak).toBeLessThan(MAX_RSS);
  });
});

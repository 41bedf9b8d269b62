/**
 * Issue #8, faults on the real protocol: a proxy (tests/support/fault-proxy.ts) sits between the
 * app's AWS SDK clients and the emulators and, phase by phase, throttles, fails, drops (before and
 * after the write lands) and delays chosen S3 and DynamoDB operations while uploaders and
 * verifiers run. A client retries a 503 + Retry-After with the same bytes, as the API asks; some
 * clients give up instead, leaving whatever their upload had written behind.
 *
 * During the run nothing may be half-visible: a statement that can be reached (by id, hash or
 * listing) is complete — original, record and receipt. Afterwards nothing acknowledged is lost,
 * the log has no gap, duplicate or fork, and an abandoned upload resumes when retried.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatHex, sha256 } from "@isnad/core";
import { statementId } from "@isnad/archive";
import { startTestStack, type TestStack } from "../support/local-stack";
import { startFaultProxy, type FaultProxy } from "../support/fault-proxy";
import { PHASES } from "./fault-phases";
import { makeMixedDocument, uploadRequest, type Document } from "./documents";
import { scale, writeFigures } from "./figures";
import { LogMonitor, checkAcknowledged, checkAllAcknowledged, fetchTrust, type Acknowledged } from "./proofs";
import { Traffic, sleep } from "./traffic";

const PHASE_MS = scale(2_000, 10_000);
const UPLOADERS = 4;
const VERIFIERS = 3;

let stack: TestStack;
let s3Proxy: FaultProxy;
let dynamoProxy: FaultProxy;

beforeAll(async () => {
  stack = await startTestStack({
    endpointsFor: async (real) => {
      s3Proxy = await startFaultProxy(real.s3, "s3");
      dynamoProxy = await startFaultProxy(real.dynamodb, "dynamodb");
      return { s3: s3Proxy.endpoint, dynamodb: dynamoProxy.endpoint };
    },
  });
});
afterAll(async () => {
  await stack?.close();
  await Promise.all([s3Proxy?.close(), dynamoProxy?.close()]);
});

interface Ack extends Acknowledged {
  doc: Document;
}

interface Abandoned {
  doc: Document;
  id: string;
  sha256: string;
  /** The request as first sent, to retry it later unchanged. */
  i: number;
}

describe("faults on the wire to S3 and DynamoDB", () => {
  it("retries, stays idempotent, loses nothing acknowledged and shows nothing half-written", async () => {
    const started = performance.now();
    const traffic = new Traffic(stack.url);
    const trust = await fetchTrust(traffic);
    const monitor = new LogMonitor(traffic, trust);
    const acks = new Map<string, Ack>();
    const abandoned: Abandoned[] = [];
    const halfVisible: string[] = [];
    const wrong: string[] = [];
    const phaseNotes: string[] = [];
    let idempotentRepeats = 0;

    // A statement that can be reached must be whole: 404 (not visible) or record + original + receipt.
    const checkVisible = async (id: string, sha: string, doc: Document) => {
      const res = await traffic.fetch(`/v1/statements/${id}`, {}, { retries503: 20 });
      if (res.status === 404) return void (await res.arrayBuffer());
      await res.arrayBuffer();
      const problem = await checkAcknowledged(traffic, trust, { id, sha256: sha, bytes: doc.bytes });
      if (problem) halfVisible.push(problem);
    };

    // The phases follow each other while the clients keep going; each switch of rules is noted.
    let phase = 0;
    let done = false;
    const running = () => !done;

    const uploader = async (u: number) => {
      const apiKey = stack.apiKey;
      for (let i = 0; running(); i++) {
        const n = u * 10_000 + i;
        const doc = await makeMixedDocument(n);
        const sha = formatHex(sha256(doc.bytes));
        const id = statementId(stack.publisher, sha);
        // Uploader 0 gives up at the first 503; the others retry with the same bytes.
        const givesUp = u === 0;
        const { path, init } = uploadRequest(doc, apiKey, n);
        const res = await traffic.json<{ id: string; receipt: { leafIndex: number } | null }>(path, init, {
          retries503: givesUp ? 0 : 30,
        });
        if (res.status === 503 && givesUp) {
          abandoned.push({ doc, id, sha256: sha, i: n });
          continue;
        }
        if (res.status !== 201 && res.status !== 200) {
          wrong.push(`upload → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          continue;
        }
        if (res.body.id !== id) wrong.push(`upload of ${sha} answered ${res.body.id}, expected ${id}`);
        acks.set(id, { id, sha256: sha, bytes: doc.bytes, doc, leafIndex: res.body.receipt?.leafIndex });
        // The same bytes again: the same statement, 200.
        if (i % 4 === 3) {
          const again = uploadRequest(doc, apiKey, n + 1);
          const repeat = await traffic.json<{ id: string }>(again.path, again.init, { retries503: 30 });
          if (repeat.status !== 200 || repeat.body.id !== id) {
            wrong.push(`repeat of ${id} → ${repeat.status} ${repeat.body.id}`);
          } else idempotentRepeats++;
        }
      }
    };

    const verifier = async (v: number) => {
      for (let i = 0; running(); i++) {
        const all = [...acks.values()];
        const ack = all[Math.floor(Math.random() * all.length)];
        if (v === 0) {
          // The auditor: every statement in the listing, and every abandoned upload, is whole.
          const page = await traffic.json<{ statements?: { id: string }[] }>(
            `/v1/statements?publisher=${stack.publisher}&limit=100`,
            {},
            { retries503: 20 },
          );
          for (const { id } of page.body.statements ?? []) {
            const known = acks.get(id) ?? abandoned.find((a) => a.id === id);
            if (known) await checkVisible(id, known.sha256, known.doc);
          }
          const gaveUp = abandoned[Math.floor(Math.random() * abandoned.length)];
          if (gaveUp) {
            await checkVisible(gaveUp.id, gaveUp.sha256, gaveUp.doc);
            const byHash = await traffic.json<{ verdict: string }>(
              `/v1/verify?sha256=${gaveUp.sha256}`,
              {},
              {
                retries503: 20,
              },
            );
            if (!["not-found", "authentic"].includes(byHash.body.verdict)) {
              halfVisible.push(`abandoned ${gaveUp.id} verifies as ${byHash.body.verdict}`);
            }
          }
          await monitor.observe();
          continue;
        }
        if (!ack) {
          await sleep(20);
          continue;
        }
        const res = await traffic.json<{ verdict: string }>(
          `/v1/verify?sha256=${ack.sha256}`,
          {},
          { retries503: 20 },
        );
        if (res.status !== 200 || res.body.verdict !== "authentic") {
          wrong.push(`verify ${ack.id} → ${res.status} ${res.body.verdict}`);
        }
        if (i % 3 === 0) {
          const problem = await checkAcknowledged(traffic, trust, ack);
          if (problem) wrong.push(`during faults: ${problem}`);
        }
      }
    };

    const scheduler = async () => {
      const injected = (now: Record<string, number>, then: Record<string, number>) =>
        Object.entries(now)
          .filter(([k, n]) => n > then[k]!)
          .map(([k, n]) => `${k} ${n - then[k]!}`)
          .join(", ") || "none";
      for (; phase < PHASES.length; phase++) {
        const { name, s3, dynamodb } = PHASES[phase]!;
        const before = { s3: { ...s3Proxy.stats.injected }, dynamodb: { ...dynamoProxy.stats.injected } };
        const requestsBefore = traffic.requests;
        s3Proxy.setRules(s3);
        dynamoProxy.setRules(dynamodb);
        await sleep(PHASE_MS);
        phaseNotes.push(
          `${name}: ${traffic.requests - requestsBefore} requests; injected S3 [${injected(s3Proxy.stats.injected, before.s3)}], ` +
            `DynamoDB [${injected(dynamoProxy.stats.injected, before.dynamodb)}]`,
        );
      }
      s3Proxy.setRules([]);
      dynamoProxy.setRules([]);
      done = true;
    };

    await Promise.all([
      scheduler(),
      ...Array.from({ length: UPLOADERS }, (_, u) => uploader(u)),
      ...Array.from({ length: VERIFIERS }, (_, v) => verifier(v)),
    ]);
    const tailMs = performance.now() - started - PHASES.length * PHASE_MS;
    // Afterwards, with the network healthy again.
    const lost = await checkAllAcknowledged(traffic, trust, acks.values());
    for (const gaveUp of abandoned) await checkVisible(gaveUp.id, gaveUp.sha256, gaveUp.doc);
    // The client that gave up tries again later: the same bytes resume the same statement.
    const resumed: string[] = [];
    for (const gaveUp of abandoned) {
      const { path, init } = uploadRequest(gaveUp.doc, stack.apiKey, gaveUp.i);
      const res = await traffic.json<{ id: string }>(path, init, { retries503: 5 });
      if ((res.status === 201 || res.status === 200) && res.body.id === gaveUp.id) {
        resumed.push(gaveUp.id);
        acks.set(gaveUp.id, {
          id: gaveUp.id,
          sha256: gaveUp.sha256,
          bytes: gaveUp.doc.bytes,
          doc: gaveUp.doc,
        });
      } else wrong.push(`resuming ${gaveUp.id} → ${res.status}`);
    }
    lost.push(
      ...(await checkAllAcknowledged(
        traffic,
        trust,
        abandoned.map((a) => acks.get(a.id)!),
      )),
    );
    const log = await monitor.audit();
    // Every entry is an acknowledged (or resumed) upload or a seed: nothing else was signed.
    const seeded = new Set(stack.seeded.map((s) => s.id));
    const strays = log.ids.filter((id) => id !== null && !acks.has(id) && !seeded.has(id));
    const logged = new Set(log.ids);
    const notInLog = [...acks.keys()].filter((id) => !logged.has(id));

    await writeFigures({
      suite: "faults",
      requests: traffic.requests,
      unexpected5xx: traffic.unexpected5xx,
      retried503: traffic.retried503,
      lostAcknowledged: lost.length + notInLog.length,
      halfVisible: halfVisible.length,
      forks: log.forks + log.duplicates,
      durationMs: performance.now() - started,
      notes: [
        `${PHASES.length} phases of ${PHASE_MS / 1000} s, ${UPLOADERS} uploaders (one gives up on 503) + ${VERIFIERS} verifiers; ` +
          `the requests in flight at the end took ${(tailMs / 1000).toFixed(1)} s more`,
        ...phaseNotes,
        `${acks.size} acknowledged uploads (${idempotentRepeats} repeated: same statement), ${abandoned.length} abandoned ` +
          `on 503 and resumed later (${resumed.length}); statuses ${traffic.statusSummary()}; log size ${log.size}`,
      ],
    });

    expect(traffic.failures).toEqual([]);
    expect(traffic.unexpected5xx).toBe(0);
    expect(wrong).toEqual([]);
    expect(halfVisible).toEqual([]);
    expect(lost).toEqual([]);
    expect(notInLog).toEqual([]);
    expect(strays).toEqual([]);
    expect(log.duplicates).toBe(0);
    expect(log.forks, log.reasons.join("; ")).toBe(0);
    expect(acks.size, "uploads went through the faults").toBeGreaterThan(scale(5, 30));
  });
});

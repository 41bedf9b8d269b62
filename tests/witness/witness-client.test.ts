/**
 * The witness client against isnad's own witness app (in process, through its fetch handler) and
 * against witnesses that misbehave: it learns the witness's size from a 409 and retries once,
 * treats 403 and 404 alike, gives up on a hanging witness after its timeout, and keeps only
 * cosignature lines that verify.
 */
import { describe, expect, it } from "vitest";
import {
  consistencyProofFromLeaves,
  createCosigner,
  generateNoteKey,
  hashLeaf,
  parseNote,
  signCheckpoint,
  treeHash,
  utf8,
} from "@isnad/core";
import { WitnessClient, type WitnessEndpoint } from "@isnad/archive";
import { createWitnessApp, MemoryWitnessState } from "@isnad/witness";

const origin = "isnad.test/log";
const log = generateNoteKey(origin);
const leaves = Array.from({ length: 10 }, (_, i) => hashLeaf(utf8(`e${i}`)));
const checkpointAt = (size: number) =>
  signCheckpoint({ origin, size, rootHash: treeHash(leaves.slice(0, size)) }, log.signer);
const prover = (size: number) => (from: number) =>
  Promise.resolve(consistencyProofFromLeaves(leaves.slice(0, size), from));

function ownWitness(name: string) {
  const cosigner = createCosigner(name, new Uint8Array(32).fill(name.length));
  const state = new MemoryWitnessState();
  const app = createWitnessApp({ cosigner, logs: new Map([[origin, log.verifier]]), state, now: () => 1e9 });
  const requests: string[] = [];
  const endpoint: WitnessEndpoint = { name, url: `http://${name}`, key: cosigner };
  const fetcher = async (url: string, init: RequestInit) => {
    requests.push(String(init.body).split("\n")[0]!);
    return app.request(new URL(url).pathname, init);
  };
  return { cosigner, state, endpoint, fetcher, requests };
}

describe("witness client", () => {
  it("learns the size a witness holds from its 409 and retries once with a proof", async () => {
    const w = ownWitness("w.example");
    // The witness already cosigned size 4 (as if an earlier process of the log had asked it).
    const first = new WitnessClient({ witnesses: [w.endpoint], fetch: w.fetcher as typeof fetch });
    await first.cosign(checkpointAt(4), prover(4));
    const client = new WitnessClient({ witnesses: [w.endpoint], fetch: w.fetcher as typeof fetch });
    w.requests.length = 0;
    const result = await client.cosign(checkpointAt(9), prover(9));
    expect(w.requests).toEqual(["old 0", "old 4"]);
    expect(result.cosigned).toEqual(["w.example"]);
    expect(parseNote(result.checkpoint).signatures).toHaveLength(2);
    // Now it knows: the next checkpoint takes one request.
    w.requests.length = 0;
    await client.cosign(checkpointAt(10), prover(10));
    expect(w.requests).toEqual(["old 9"]);
  });

  it("403 and 404 alike: not served; the checkpoint goes out with the others' cosignatures", async () => {
    const good = ownWitness("good.example");
    const answers = [403, 404].map((status) => ({
      endpoint: { name: `s${status}`, url: `http://s${status}`, key: good.cosigner },
      status,
    }));
    const fetcher = async (url: string, init: RequestInit) => {
      const refusing = answers.find((a) => url.startsWith(a.endpoint.url));
      if (refusing) return new Response("no\n", { status: refusing.status });
      return good.fetcher(url, init);
    };
    const client = new WitnessClient({
      witnesses: [good.endpoint, ...answers.map((a) => a.endpoint)],
      fetch: fetcher as typeof fetch,
    });
    const result = await client.cosign(checkpointAt(3), prover(3));
    expect(result.configured).toBe(3);
    expect(result.cosigned).toEqual(["good.example"]);
    expect(result.outcomes.map((o) => o.reason)).toEqual([undefined, "not served (403)", "not served (404)"]);
  });

  it("a hanging witness costs at most the timeout; a down one is 'unreachable'", async () => {
    const hanging = (_: string, init: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init.signal!.addEventListener("abort", () => reject(init.signal!.reason as Error)),
      );
    const w = { name: "slow", url: "http://slow", key: createCosigner("slow", new Uint8Array(32)) };
    const client = new WitnessClient({ witnesses: [w], timeoutMs: 100, fetch: hanging as typeof fetch });
    const result = await client.cosign(checkpointAt(2), prover(2));
    expect(result.outcomes[0]).toEqual({ name: "slow", ok: false, reason: "timeout" });
    expect(result.checkpoint).toBe(checkpointAt(2));
    const down = new WitnessClient({ witnesses: [{ ...w, url: "http://127.0.0.1:9" }], timeoutMs: 2000 });
    expect((await down.cosign(checkpointAt(2), prover(2))).outcomes[0]!.reason).toBe("unreachable");
  });

  it("drops cosignatures that do not verify and answers that are not cosignatures", async () => {
    const w = ownWitness("honest.example");
    const impostor = createCosigner("honest.example", new Uint8Array(32).fill(99));
    const cases: [Response, string][] = [
      [new Response("— honest.example AAAA\n"), "no valid cosignature in the answer"],
      [new Response("hello\n"), "no valid cosignature in the answer"],
      [new Response("x", { status: 422 }), "status 422"],
      [
        new Response("zz", { status: 409, headers: { "content-type": "text/x.tlog.size" } }),
        "409 without a size",
      ],
      [new Response("x".repeat(20_000)), "answer too large"],
    ];
    for (const [response, reason] of cases) {
      const client = new WitnessClient({
        witnesses: [{ ...w.endpoint, key: w.cosigner }],
        fetch: (() => Promise.resolve(response)) as unknown as typeof fetch,
      });
      expect((await client.cosign(checkpointAt(2), prover(2))).outcomes[0]!.reason).toBe(reason);
    }
    // A real witness whose key is not the one configured: its line is dropped.
    const client = new WitnessClient({
      witnesses: [{ ...w.endpoint, key: impostor }],
      fetch: w.fetcher as typeof fetch,
    });
    const result = await client.cosign(checkpointAt(2), prover(2));
    expect(result.cosigned).toEqual([]);
    expect(parseNote(result.checkpoint).signatures).toHaveLength(1);
  });

  it("gives up after a second 409 and when the witness is ahead of the log", async () => {
    const w = ownWitness("ahead.example");
    const always409 = () =>
      Promise.resolve(new Response("7\n", { status: 409, headers: { "content-type": "text/x.tlog.size" } }));
    const client = new WitnessClient({
      witnesses: [w.endpoint],
      fetch: always409 as unknown as typeof fetch,
    });
    expect((await client.cosign(checkpointAt(9), prover(9))).outcomes[0]!.reason).toBe("409 twice");
    expect((await client.cosign(checkpointAt(5), prover(5))).outcomes[0]!.reason).toMatch(/holds size 7/);
  });
});

import { describe, expect, it } from "vitest";
import {
  consistencyProofFromLeaves,
  createCosigner,
  formatBase64,
  generateNoteKey,
  hashLeaf,
  parseCosignerVerifierKey,
  parseNote,
  signCheckpoint,
  treeHash,
  utf8,
  verifyCosignature,
} from "@isnad/core";
import { createWitnessApp } from "./app";
import { MemoryWitnessState } from "./witness-state";

const origin = "example.com/log";
const log = generateNoteKey(origin);
const leaves = Array.from({ length: 8 }, (_, i) => hashLeaf(utf8(`entry ${i}`)));
const checkpointAt = (size: number, signer = log.signer) =>
  signCheckpoint({ origin, size, rootHash: treeHash(leaves.slice(0, size)) }, signer);
const request = (old: number, proof: Uint8Array[], note: string) =>
  `old ${old}\n${proof.map((h) => `${formatBase64(h)}\n`).join("")}\n${note}`;

function witness(now = () => 1_700_000_000) {
  const cosigner = createCosigner("witness.example", new Uint8Array(32).fill(5));
  const state = new MemoryWitnessState();
  const app = createWitnessApp({ cosigner, logs: new Map([[origin, log.verifier]]), state, now });
  const post = (body: string) => app.request("/add-checkpoint", { method: "POST", body });
  return { app, post, cosigner, state };
}

describe("isnad witness: add-checkpoint", () => {
  it("cosigns from the empty tree, then a consistent larger one; the line verifies", async () => {
    const { post, app, cosigner } = witness();
    const first = await post(request(0, [], checkpointAt(3)));
    expect(first.status).toBe(200);
    const line = (await first.text()).trimEnd();
    const note = `${checkpointAt(3)}${line}\n`;
    const [, sig] = parseNote(note).signatures;
    expect(verifyCosignature(parseNote(note).text, sig!, cosigner)).toBe(1_700_000_000);
    const second = await post(request(3, consistencyProofFromLeaves(leaves.slice(0, 7), 3), checkpointAt(7)));
    expect(second.status).toBe(200);
    const monitored = await app.request(`/checkpoint/${encodeURIComponent(origin)}`);
    expect(await monitored.text()).toBe(`${checkpointAt(7)}${(await second.text()).trimEnd()}\n`);
    const key = parseCosignerVerifierKey((await (await app.request("/key")).text()).trim());
    expect(key.keyId).toBe(cosigner.keyId);
  });

  it("answers 409 text/x.tlog.size with the size it holds, for a stale or a future old size", async () => {
    const { post } = witness();
    expect((await post(request(0, [], checkpointAt(4)))).status).toBe(200);
    for (const old of [0, 2]) {
      const res = await post(request(old, [], checkpointAt(6)));
      expect(res.status).toBe(409);
      expect(res.headers.get("content-type")).toBe("text/x.tlog.size");
      expect(await res.text()).toBe("4\n");
    }
  });

  it("answers 422 for a proof that does not verify, and for a different root at the same size", async () => {
    const { post } = witness();
    await post(request(0, [], checkpointAt(4)));
    const wrong = consistencyProofFromLeaves(leaves.slice(0, 6), 3);
    expect((await post(request(4, wrong, checkpointAt(6)))).status).toBe(422);
    const forked = signCheckpoint({ origin, size: 4, rootHash: new Uint8Array(32).fill(1) }, log.signer);
    expect((await post(request(4, [], forked))).status).toBe(422);
    expect((await post(request(4, [], checkpointAt(4)))).status).toBe(200); // same tree again: fine
  });

  it("answers 404 for an unknown log and 403 for a checkpoint not signed by the log's key", async () => {
    const { post } = witness();
    const stranger = generateNoteKey("other.example/log");
    const foreign = signCheckpoint(
      { origin: "other.example/log", size: 1, rootHash: leaves[0]! },
      stranger.signer,
    );
    expect((await post(request(0, [], foreign))).status).toBe(404);
    const impostor = generateNoteKey(origin);
    expect((await post(request(0, [], checkpointAt(2, impostor.signer)))).status).toBe(403);
  });

  it("answers 400 for malformed requests", async () => {
    const { post, app } = witness();
    const good = checkpointAt(2);
    for (const body of [
      "nonsense",
      `old x\n\n${good}`,
      `old 01\n\n${good}`,
      `old 0\nnot-base64\n\n${good}`,
      `old 0\n\nnot a note`,
      request(3, [], good),
      `old 0\n${"AAAA\n".repeat(64)}\n${good}`,
    ]) {
      expect((await post(body)).status, body.slice(0, 20)).toBe(400);
    }
    const bad = await app.request("/add-checkpoint", { method: "POST", body: Uint8Array.of(0xff, 0xfe) });
    expect(bad.status).toBe(400);
    const huge = await app.request("/add-checkpoint", { method: "POST", body: "x".repeat(70_000) });
    expect(huge.status).toBe(413);
    expect((await post(request(0, [leaves[0]!], good))).status).toBe(422);
  });

  it("never rolls back: of two racing requests from one size, one wins and the other gets 409", async () => {
    const { post } = witness();
    await post(request(0, [], checkpointAt(2)));
    const [a, b] = await Promise.all([
      post(request(2, consistencyProofFromLeaves(leaves.slice(0, 5), 2), checkpointAt(5))),
      post(request(2, consistencyProofFromLeaves(leaves.slice(0, 8), 2), checkpointAt(8))),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(["5\n", "8\n"]).toContain(await loser.text());
  });

  it("gives a non-zero timestamp even with a broken clock; monitoring 404s before anything is cosigned", async () => {
    const { post, app, cosigner } = witness(() => 0);
    expect((await app.request(`/checkpoint/${encodeURIComponent(origin)}`)).status).toBe(404);
    expect((await app.request(`/checkpoint/nope`)).status).toBe(404);
    const line = (await (await post(request(0, [], checkpointAt(1)))).text()).trimEnd();
    const note = `${checkpointAt(1)}${line}\n`;
    expect(verifyCosignature(parseNote(note).text, parseNote(note).signatures[1]!, cosigner)).toBe(1);
  });
});

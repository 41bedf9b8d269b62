/**
 * isnad's log with two witnesses, one of them not ours: Debian's sigsum-witness and isnad's own
 * (packages/witness), over loopback HTTP, with the log on the storage emulators. Every checkpoint
 * must carry both cosignatures and every receipt verify under a 2-of-2 tlog-policy; a receipt
 * stripped of one cosignature must fail the quorum; with sigsum-witness stopped, the log goes on
 * and its checkpoints carry 1 of 2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type ServerType } from "@hono/node-server";
import {
  canonicalizeToBytes,
  checkWitnessQuorum,
  cosignatureKeyId,
  createCosigner,
  ed25519KeyPair,
  formatCosignerVerifierKey,
  formatHex,
  formatReceipt,
  generateEd25519Seed,
  isIsnadError,
  parseVerifierKey,
  parseWitnessPolicy,
  requireWitnessQuorum,
  verifyReceipt,
} from "@isnad/core";
import { createLogService, systemClock, WitnessClient, type LogService } from "@isnad/archive";
import { createWitnessApp, MemoryWitnessState } from "@isnad/witness";
import { startTestStorage, type TestStorage } from "../support/storage";
import {
  hasSigsumWitness,
  sigsumOrigin,
  startSigsumWitness,
  type RunningSigsumWitness,
} from "./sigsum-witness";

const available = hasSigsumWitness();
if (!available && process.env.CI === "true") {
  throw new Error(
    "sigsum-witness is missing (Debian sigsum-go from bookworm-backports): tests/system/ensure-tools.sh installs it",
  );
}

describe.skipIf(!available)("a log witnessed by sigsum-witness and isnad's own witness", () => {
  let storage: TestStorage;
  let sigsum: RunningSigsumWitness;
  let isnadServer: ServerType;
  let log: LogService;
  let policyText: string;
  const seed = generateEd25519Seed();
  const { publicKey } = ed25519KeyPair(seed);
  const origin = sigsumOrigin(publicKey);
  const isnadWitness = createCosigner("witness.isnad.test", generateEd25519Seed());

  beforeAll(async () => {
    storage = await startTestStorage();
    sigsum = await startSigsumWitness(publicKey);
    const sigsumKey = {
      name: sigsum.name,
      keyId: cosignatureKeyId(sigsum.name, sigsum.publicKey),
      publicKey: sigsum.publicKey,
    };
    const logVerifier = createLogService({ ...storage, clock: systemClock, origin, seed }).verifierKey;
    const app = createWitnessApp({
      cosigner: isnadWitness,
      logs: new Map([[origin, parseVerifierKey(logVerifier)]]),
      state: new MemoryWitnessState(),
      now: () => Date.now() / 1000,
    });
    const isnadUrl = await new Promise<string>((resolve) => {
      isnadServer = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
    });
    const witness = new WitnessClient({
      witnesses: [
        { name: "sigsum", url: sigsum.url, key: sigsumKey },
        { name: "isnad", url: isnadUrl, key: isnadWitness },
      ],
      timeoutMs: 3000,
    });
    log = createLogService({ ...storage, clock: systemClock, origin, seed, writer: { witness } });
    policyText = [
      `log ${log.verifierKey}`,
      `witness sigsum ${formatCosignerVerifierKey(sigsumKey)} ${sigsum.url}`,
      `witness isnad ${formatCosignerVerifierKey(isnadWitness)} ${isnadUrl}`,
      "group both all sigsum isnad",
      "quorum both",
      "",
    ].join("\n");
  }, 60_000);

  afterAll(async () => {
    await sigsum?.stop();
    await new Promise((r) => (isnadServer ? isnadServer.close(r) : r(undefined)));
    await storage?.close();
  });

  let counter = 0;
  async function appendAndReceipt(tag: string) {
    const entry = canonicalizeToBytes({
      tag,
      n: counter++,
      nonce: formatHex(generateEd25519Seed().subarray(0, 4)),
    });
    const { leafIndex } = await log.writer.append(entry);
    return formatReceipt(await log.reader.receipt(leafIndex, entry));
  }

  it("every checkpoint carries both cosignatures and every receipt meets a 2-of-2 policy", async () => {
    const policy = parseWitnessPolicy(policyText);
    // Several rounds, some concurrent, so the witnesses see consistency proofs from older sizes.
    for (let round = 0; round < 4; round++) {
      const receipts = await Promise.all(
        Array.from({ length: round + 1 }, (_, i) => appendAndReceipt(`r${round}-${i}`)),
      );
      for (const receipt of receipts) {
        verifyReceipt(receipt, { logVerifierKey: log.verifierKey, origin });
        const result = requireWitnessQuorum(receipt.checkpoint, policy);
        expect(result.cosigned.map((c) => c.name)).toEqual(["sigsum", "isnad"]);
        for (const c of result.cosigned) expect(c.timestamp).toBeGreaterThan(1_600_000_000);
      }
    }
    const head = await log.reader.head();
    expect(head.size).toBe(10);
    expect(checkWitnessQuorum(head.checkpoint, policy).cosigned).toHaveLength(2);
  });

  it("a receipt stripped of one cosignature fails the quorum", async () => {
    const policy = parseWitnessPolicy(policyText);
    const receipt = await appendAndReceipt("strip");
    const lines = receipt.checkpoint.split("\n");
    const stripped = lines.filter((l) => !l.startsWith(`\u2014 ${sigsum.name} `)).join("\n");
    expect(stripped).not.toBe(receipt.checkpoint);
    let error: unknown;
    try {
      requireWitnessQuorum(stripped, policy);
    } catch (e) {
      error = e;
    }
    expect(isIsnadError(error, "UNKNOWN_KEY")).toBe(true);
    expect(String(error)).toMatch(/1 of 2 witnesses cosigned \(isnad\)/);
  });

  it("with sigsum-witness stopped, the log goes on with 1 of 2", async () => {
    const policy = parseWitnessPolicy(policyText);
    await sigsum.stop();
    const receipt = await appendAndReceipt("after-stop");
    verifyReceipt(receipt, { logVerifierKey: log.verifierKey, origin });
    const result = checkWitnessQuorum(receipt.checkpoint, policy);
    expect(result.satisfied).toBe(false);
    expect(`${result.cosigned.length} of ${result.witnessCount}`).toBe("1 of 2");
    expect(result.cosigned.map((c) => c.name)).toEqual(["isnad"]);
    const oneOfTwo = parseWitnessPolicy(policyText.replace("group both all", "group both 1"));
    expect(requireWitnessQuorum(receipt.checkpoint, oneOfTwo).satisfied).toBe(true);
  });
});

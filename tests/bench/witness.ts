/**
 * `npm run bench -- witness`: time from a log append to a witnessed receipt (issue #16), 16
 * writers (separate log services, each with its own witness client, as separate Lambdas would
 * be), with isnad's witness over loopback HTTP — and Debian's sigsum-witness too where it is
 * installed. Baseline: the same log, same run, without witnesses. A receipt counts only once its
 * checkpoint carries every configured witness's cosignature.
 */
import { serve, type ServerType } from "@hono/node-server";
import {
  canonicalizeToBytes,
  cosignatureKeyId,
  createCosigner,
  ed25519KeyPair,
  formatHex,
  generateEd25519Seed,
  parseNote,
  parseVerifierKey,
} from "@isnad/core";
import {
  DynamoDbItemStore,
  S3ObjectStore,
  WitnessClient,
  createLogService,
  createLogSigner,
  ensureBucket,
  ensureTable,
  systemClock,
  type WitnessEndpoint,
} from "@isnad/archive";
import { createAwsClients } from "@isnad/local";
import { MemoryWitnessState, createWitnessApp } from "@isnad/witness";
import { hasSigsumWitness, sigsumOrigin, startSigsumWitness } from "../witness/sigsum-witness";
import { ms } from "./load";
import { startEmulators } from "./log";
import { formatRatio, type BenchRow } from "./table";

const WRITERS = 16;
const PER_WRITER = 8;

async function run(
  endpoints: { s3Endpoint: string; dynamoEndpoint: string },
  seed: Uint8Array,
  origin: string,
  witnesses: readonly WitnessEndpoint[],
): Promise<{ p50: number; p95: number }> {
  const name = `isnad-bench-witness-${formatHex(generateEd25519Seed().subarray(0, 4))}`;
  const setup = createAwsClients(endpoints);
  await Promise.all([ensureBucket(setup.s3, name), ensureTable(setup.dynamo, name)]);
  const clients = Array.from({ length: WRITERS }, () => createAwsClients(endpoints));
  const services = clients.map((own) =>
    createLogService({
      objects: new S3ObjectStore(own.s3, name),
      items: new DynamoDbItemStore(own.dynamo, name),
      clock: systemClock,
      origin,
      seed,
      ...(witnesses.length > 0
        ? { writer: { witness: new WitnessClient({ witnesses, timeoutMs: 3000 }) } }
        : {}),
    }),
  );
  await services[0]!.writer.append(canonicalizeToBytes({ warm: true }));
  const latencies: number[] = [];
  await Promise.all(
    services.map(async ({ writer, reader }, w) => {
      for (let i = 0; i < PER_WRITER; i++) {
        const entry = canonicalizeToBytes({ i, r: formatHex(generateEd25519Seed().subarray(0, 8)), w });
        const t = performance.now();
        const { leafIndex } = await writer.append(entry);
        const receipt = await reader.receipt(leafIndex, entry);
        const signatures = parseNote(receipt.checkpoint).signatures.length;
        if (signatures !== 1 + witnesses.length) {
          throw new Error(`a receipt carries ${signatures - 1} of ${witnesses.length} cosignatures`);
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  for (const c of [setup, ...clients]) {
    c.s3.destroy();
    c.dynamo.destroy();
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

export async function benchWitness(): Promise<BenchRow[]> {
  const emulators = await startEmulators();
  const seed = generateEd25519Seed();
  const origin = sigsumOrigin(ed25519KeyPair(seed).publicKey);
  const cosigner = createCosigner("witness.isnad.bench", generateEd25519Seed());
  const app = createWitnessApp({
    cosigner,
    logs: new Map([[origin, parseVerifierKey(createLogSigner(origin, seed).verifierKey)]]),
    state: new MemoryWitnessState(),
    now: () => Date.now() / 1000,
  });
  let server: ServerType | undefined;
  const url = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
  const witnesses: WitnessEndpoint[] = [{ name: "isnad", url, key: cosigner }];
  const sigsum = hasSigsumWitness() ? await startSigsumWitness(ed25519KeyPair(seed).publicKey) : undefined;
  if (sigsum) {
    const key = {
      name: sigsum.name,
      keyId: cosignatureKeyId(sigsum.name, sigsum.publicKey),
      publicKey: sigsum.publicKey,
    };
    witnesses.push({ name: "sigsum", url: sigsum.url, key });
  }
  try {
    // A first run warms the emulators and the JIT; it is not counted (the first run of a process
    // is always the slowest, which would flatter whichever figure came second).
    await run(emulators, seed, origin, []);
    const baseline = await run(emulators, seed, origin, []);
    const witnessed = await run(emulators, seed, origin, witnesses);
    const who = witnesses.map((w) => w.name).join(" + ");
    return [
      {
        group: "witness",
        figure: `append → witnessed receipt p50, ${WRITERS} writers (${who} vs none)`,
        ours: ms(witnessed.p50),
        baseline: ms(baseline.p50),
        ratio: formatRatio(witnessed.p50, baseline.p50),
      },
      {
        group: "witness",
        figure: `append → witnessed receipt p95, ${WRITERS} writers (${who} vs none)`,
        ours: ms(witnessed.p95),
        baseline: ms(baseline.p95),
        ratio: formatRatio(witnessed.p95, baseline.p95),
        goal: "p95 ≤ 5,000 ms",
      },
    ];
  } finally {
    await sigsum?.stop();
    await new Promise((r) => server!.close(r));
    await emulators.close();
  }
}

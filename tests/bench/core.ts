/**
 * Core benchmarks (issue #2): SHA-256 through core's seam against raw node:crypto, and Ed25519
 * sign/verify through core (native backend) against @noble/curves, all measured in the same run.
 */
import { createHash } from "node:crypto";
import { ed25519 } from "@noble/curves/ed25519.js";
import { createSha256, ed25519KeyPair, getCryptoBackend, signEd25519, verifyEd25519 } from "@isnad/core";
import { formatRate, formatRatio, measureRate, type BenchRow } from "./table";

const MiB = 1024 * 1024;

function hashCore(data: Uint8Array, chunk: number): void {
  const h = createSha256();
  for (let i = 0; i < data.length; i += chunk) h.update(data.subarray(i, i + chunk));
  h.digest();
}

function hashNode(data: Uint8Array, chunk: number): void {
  const h = createHash("sha256");
  for (let i = 0; i < data.length; i += chunk) h.update(data.subarray(i, i + chunk));
  h.digest();
}

/** MB/s of `f` over `size` bytes: repeated for ≥ 300 ms, except huge inputs, timed once after a warm-up. */
function throughput(size: number, f: () => void): number {
  if (size >= 64 * MiB) {
    f();
    const start = performance.now();
    f();
    return size / MiB / ((performance.now() - start) / 1000);
  }
  return (measureRate(f, 300) * size) / MiB;
}

export function benchCore(): BenchRow[] {
  const rows: BenchRow[] = [];
  const backend = getCryptoBackend().name;
  for (const [label, size] of [
    ["1 KiB", 1024],
    ["1 MiB", MiB],
    ["256 MiB", 256 * MiB],
  ] as const) {
    const data = new Uint8Array(size).fill(0x61);
    const chunk = Math.min(size, MiB); // streaming in 1 MiB chunks, as ingest does
    // Interleave to share whatever the machine is doing between both sides.
    const ours = Math.max(
      throughput(size, () => hashCore(data, chunk)),
      throughput(size, () => hashCore(data, chunk)),
    );
    const base = Math.max(
      throughput(size, () => hashNode(data, chunk)),
      throughput(size, () => hashNode(data, chunk)),
    );
    rows.push({
      group: "core",
      figure: `SHA-256 ${label} (${backend})`,
      ours: formatRate(ours, "MB/s"),
      baseline: `${formatRate(base, "MB/s")} node:crypto`,
      ratio: formatRatio(ours, base),
      goal: size >= MiB ? "≥ 0.90" : "",
    });
  }

  const pair = ed25519KeyPair(new Uint8Array(32).fill(7));
  const message = new Uint8Array(300).fill(1); // about the size of a record
  const signature = signEd25519(pair.seed, message);
  const sign = measureRate(() => signEd25519(pair.seed, message));
  const nobleSign = measureRate(() => ed25519.sign(message, pair.seed));
  const verify = measureRate(() => verifyEd25519(pair.publicKey, message, signature));
  const nobleVerify = measureRate(() => ed25519.verify(signature, message, pair.publicKey));
  rows.push(
    {
      group: "core",
      figure: `Ed25519 sign, 300 B (${backend})`,
      ours: formatRate(sign, "/s"),
      baseline: `${formatRate(nobleSign, "/s")} @noble/curves`,
      ratio: formatRatio(sign, nobleSign),
    },
    {
      group: "core",
      figure: `Ed25519 verify, 300 B (${backend})`,
      ours: formatRate(verify, "/s"),
      baseline: `${formatRate(nobleVerify, "/s")} @noble/curves`,
      ratio: formatRatio(verify, nobleVerify),
    },
  );
  return rows;
}

/**
 * The log as the services see it: one writer (TransparencyLog for ingest) and one reader (for
 * the API), sharing a tile cache, with the checkpoint key derived from the service's seed.
 */
import {
  ed25519KeyPair,
  emptyRoot,
  formatVerifierKey,
  noteKeyId,
  signCheckpoint,
  type NoteSigner,
} from "@isnad/core";
import type { Clock } from "../clock";
import type { ItemStore, ObjectStore } from "../ports";
import { LogReader } from "./log-reader";
import { LogWriter, type LogWriterOptions } from "./log-writer";
import { TileStore } from "./tile-store";

export interface LogServiceConfig {
  objects: ObjectStore;
  items: ItemStore;
  clock: Clock;
  /** The log's origin (C2SP tlog-checkpoint line 1), e.g. "isnad.example/log"; also the key name. */
  origin: string;
  /** The Ed25519 seed that signs checkpoints. */
  seed: Uint8Array;
  /** Tuning for tests and benchmarks (lease, timeouts, batch limits, holder id). */
  writer?: Partial<Omit<LogWriterOptions, "origin" | "signer" | "emptyCheckpoint" | "clock">>;
}

export interface LogService {
  readonly origin: string;
  /** The note verifier key of the checkpoints: `<origin>+<hex key id>+<base64(0x01 ‖ key)>`. */
  readonly verifierKey: string;
  readonly writer: LogWriter;
  readonly reader: LogReader;
}

/**
 * The C2SP signed-note signer of the checkpoints: the given Ed25519 seed under the name `origin`
 * (the key id commits to the name, so the same seed under another origin is another note key).
 */
export function createLogSigner(
  origin: string,
  seed: Uint8Array,
): { signer: NoteSigner; verifierKey: string } {
  const { publicKey } = ed25519KeyPair(seed);
  const verifierKey = formatVerifierKey(origin, publicKey); // validates the name
  return { signer: { name: origin, keyId: noteKeyId(origin, publicKey), publicKey, seed }, verifierKey };
}

export function createLogService(config: LogServiceConfig): LogService {
  const { signer, verifierKey } = createLogSigner(config.origin, config.seed);
  // Signing is deterministic (RFC 8032), so every process signs the very same empty checkpoint.
  const emptyCheckpoint = signCheckpoint({ origin: config.origin, size: 0, rootHash: emptyRoot() }, signer);
  const tiles = new TileStore(config.objects);
  const reader = new LogReader(
    config.objects,
    config.items,
    {
      origin: config.origin,
      verifierKey,
      emptyCheckpoint,
      timestamps: config.writer?.timestamps !== undefined,
    },
    tiles,
  );
  const writer = new LogWriter(
    config.objects,
    config.items,
    {
      ...config.writer,
      origin: config.origin,
      signer,
      emptyCheckpoint,
      clock: config.clock,
      onHead: (head) => reader.observe(head),
      onProof: (leafIndex, proof) => reader.rememberProof(leafIndex, proof),
    },
    tiles,
  );
  return { origin: config.origin, verifierKey, writer, reader };
}

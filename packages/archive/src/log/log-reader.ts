/**
 * The read side of the log: the current checkpoint, tiles and bundles, and proofs computed from
 * the tiles with core's tile hash reader (so every hash that goes into a proof is first checked
 * against the committed root: a damaged tile in S3 yields an error, never a bad proof).
 */
import {
  TILE_HEIGHT,
  TILE_WIDTH,
  equalBytes,
  hashLeaf,
  openCheckpoint,
  parseTilePath,
  proveConsistency,
  proveInclusion,
  storedHashIndex,
  verifyInclusion,
  type Checkpoint,
  type HashReader,
  type Receipt,
} from "@isnad/core";
import { ArchiveError, isArchiveError } from "../errors";
import type { ItemStore, ObjectStore } from "../ports";
import type { LeafProof } from "./leaf-proof";
import { readLogState } from "./log-state";
import { readCheckpointTimestamps } from "./timestamp-client";
import { TileStore } from "./tile-store";

export interface LogHead {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** The signed checkpoint (C2SP tlog-checkpoint) of `size`. */
  readonly checkpoint: string;
}

export interface LogReaderOptions {
  readonly origin: string;
  /** The note verifier key of the checkpoints (`<origin>+<key id>+<key>`). */
  readonly verifierKey: string;
  readonly emptyCheckpoint: string;
  /** Checkpoints are timestamped (timestamp-client.ts): receipts carry their RFC 3161 tokens. */
  readonly timestamps?: boolean;
}

export interface LogTile {
  readonly data: Uint8Array;
  /** A full tile or bundle never changes (cache it forever); a partial one is superseded. */
  readonly full: boolean;
}

/** How long a head observed in this process serves receipts without a new read. */
const RECENT_MS = 1_000;
/**
 * Tiles one shared hash reader may keep (core's reader holds a copy of each it authenticated):
 * 8 KiB each, so at most 16 MiB, however long the head stays the same and however many leaves
 * are proven against it. Past that, the next proof starts a new reader.
 */
const PROVING_TILES = 2048;
/** Checkpoint texts whose signature was checked, kept (a few heads' worth) to skip the check. */
const VERIFIED_CHECKPOINTS = 16;
/** Inclusion proofs from leaf items (rememberProof), kept for the receipts about to be asked. */
const REMEMBERED_PROOFS = 256;

export class LogReader {
  readonly origin: string;
  readonly verifierKey: string;
  private known: { head: LogHead; at: number } | undefined;
  private reading: Promise<LogHead> | undefined;
  /** The hash reader of the latest head proven against: it keeps the tiles it authenticated. */
  private proving: { size: number; rootHash: Uint8Array; read: HashReader; fetched: number } | undefined;
  private readonly checkpoints = new Map<string, Checkpoint>();
  /** `<leaf index>@<tree size>` → its audit path, as a leaf item carried it (unverified). */
  private readonly proofs = new Map<string, readonly Uint8Array[]>();

  constructor(
    private readonly objects: ObjectStore,
    private readonly items: ItemStore,
    private readonly options: LogReaderOptions,
    private readonly tiles = new TileStore(objects),
  ) {
    this.origin = options.origin;
    this.verifierKey = options.verifierKey;
  }

  /** The committed tree: strongly consistent, so a receipt never lags an acknowledged append. */
  async head(): Promise<LogHead> {
    const { size, rootHash, checkpoint } = await readLogState(this.items, this.options.emptyCheckpoint).catch(
      (error: unknown) => {
        // A state that fails its checks (changed in storage) must not be papered over by a head
        // remembered from before: every receipt reads (and fails) until it is whole again.
        if (isArchiveError(error, "INTEGRITY")) this.known = undefined;
        throw error;
      },
    );
    const head = { size, rootHash, checkpoint };
    this.observe(head);
    return head;
  }

  /**
   * A head read that callers arriving while it is under way share: under load one GetItem
   * serves them all instead of one each. It may have started before the caller asked, so it is
   * only good for a leaf it holds (receipt() reads afresh otherwise).
   */
  private sharedHead(): Promise<LogHead> {
    this.reading ??= this.head().finally(() => (this.reading = undefined));
    return this.reading;
  }

  /**
   * The head that receipts are proven against without a read (one observed within RECENT_MS), or
   * undefined. A new object whenever a head is observed or forgotten (a state that failed its
   * checks, a smaller tree), so an answer built on receipts can be kept while this stays the same
   * object (verify by hash, issue #15).
   */
  recentHead(): LogHead | undefined {
    return this.known && performance.now() - this.known.at < RECENT_MS ? this.known.head : undefined;
  }

  /**
   * Remembers a committed head seen elsewhere in this process (the writer sees one with every
   * append it completes), so that the receipt of a fresh append needs no read of the state.
   */
  observe(head: LogHead): void {
    // A smaller tree than one seen is a late answer, or a state rolled back in storage: either
    // way the remembered head is no longer known to be current, and is forgotten.
    if (this.known !== undefined && head.size < this.known.head.size) {
      this.known = undefined;
      return;
    }
    if (this.known === undefined || head.size >= this.known.head.size) {
      this.known = {
        head: { size: head.size, rootHash: head.rootHash, checkpoint: head.checkpoint },
        at: performance.now(),
      };
    }
  }

  /**
   * Keeps the inclusion proof a leaf item carried (leaf-proof.ts) for the receipt of that leaf,
   * which is usually asked for next. Nothing trusts it: receipt() uses it only when it verifies
   * against the signed root of the head it proves against.
   */
  rememberProof(leafIndex: number, proof: LeafProof): void {
    this.proofs.set(`${leafIndex}@${proof.treeSize}`, proof.hashes);
    if (this.proofs.size > REMEMBERED_PROOFS) this.proofs.delete(this.proofs.keys().next().value!);
  }

  /** The remembered proof of `leafIndex` in `head` if it proves `leafHash` under its root. */
  private rememberedProof(leafIndex: number, head: LogHead, leafHash: Uint8Array): Uint8Array[] | undefined {
    const hashes = this.proofs.get(`${leafIndex}@${head.size}`);
    if (hashes === undefined) return undefined;
    try {
      verifyInclusion(leafIndex, head.size, leafHash, hashes, head.rootHash);
      return [...hashes];
    } catch {
      this.proofs.delete(`${leafIndex}@${head.size}`); // a bad hint: the tiles decide below
      return undefined;
    }
  }

  /**
   * A tile or entry bundle by its tlog-tiles path (`tile/…`, no leading slash). Malformed paths
   * throw core's INVALID_TILE; tiles beyond the committed tree are NOT_FOUND (they may exist for
   * a batch being integrated, but nothing refers to them yet).
   */
  async tile(path: string): Promise<LogTile> {
    const parsed = parseTilePath(path);
    const { level, index, width } = parsed.kind === "hashes" ? parsed.tile : { level: 0, ...parsed.bundle };
    const { size } = await this.head();
    const hashes = Math.floor(size / 2 ** (TILE_HEIGHT * level));
    const data = index * TILE_WIDTH + width <= hashes ? await this.tiles.read(path) : undefined;
    if (data === undefined) throw new ArchiveError("NOT_FOUND", `no tile ${path} in the log of size ${size}`);
    return { data, full: width === TILE_WIDTH };
  }

  /** The inclusion proof of `leafIndex` in the tree of `treeSize` (default: the current one). */
  async inclusionProof(
    leafIndex: number,
    treeSize?: number,
  ): Promise<{ head: LogHead; hashes: Uint8Array[] }> {
    const head = await this.head();
    const size = treeSize ?? head.size;
    if (!isCount(leafIndex) || !isCount(size) || leafIndex >= size || size > head.size) {
      throw new ArchiveError(
        "BAD_REQUEST",
        `no leaf ${leafIndex} in a tree of size ${size} (the log has ${head.size})`,
      );
    }
    return { head, hashes: await proveInclusion(leafIndex, size, this.hashReader(head)) };
  }

  /** The consistency proof between two tree sizes, 1 ≤ from ≤ to ≤ the current size. */
  async consistencyProof(from: number, to: number): Promise<Uint8Array[]> {
    const head = await this.head();
    if (!isCount(from) || !isCount(to) || from < 1 || from > to || to > head.size) {
      throw new ArchiveError(
        "BAD_REQUEST",
        `no consistency proof from ${from} to ${to}: need 1 ≤ from ≤ to ≤ ${head.size} (the current size)`,
      );
    }
    return proveConsistency(from, to, this.hashReader(head));
  }

  /**
   * The offline receipt of `entry`, logged at `leafIndex`, against the current checkpoint. The
   * entry is checked against the stored leaf hash and the proof against the root before it is
   * handed out: a receipt that would not verify is an INTEGRITY error here, not a client's puzzle.
   */
  async receipt(leafIndex: number, entry: Uint8Array): Promise<Receipt> {
    // A head seen a moment ago that already holds the leaf is as good as a fresh read: any
    // signed checkpoint that includes the entry makes a valid receipt.
    const recent = this.recentHead();
    let head = recent !== undefined && leafIndex < recent.size ? recent : await this.sharedHead();
    if (leafIndex >= head.size) head = await this.head();
    if (!isCount(leafIndex) || leafIndex >= head.size) {
      throw new ArchiveError("NOT_FOUND", `leaf ${leafIndex} is not in the log of size ${head.size}`);
    }
    const leafHash = hashLeaf(entry);
    // A proof that verifies against the signed root is the receipt's, wherever it came from.
    const hashes =
      this.rememberedProof(leafIndex, head, leafHash) ??
      (await this.proveFromTiles(leafIndex, head, leafHash));
    const timestamps = this.options.timestamps
      ? await readCheckpointTimestamps(this.objects, head.size, head.rootHash)
      : [];
    return {
      entry,
      leafIndex,
      inclusionProof: { treeSize: head.size, rootHash: head.rootHash, hashes },
      checkpoint: head.checkpoint,
      ...(timestamps.length > 0 ? { timestamps } : {}),
    };
  }

  /** The inclusion proof of `leafHash` at `leafIndex` in `head`, from the tiles, checked. */
  private async proveFromTiles(
    leafIndex: number,
    head: LogHead,
    leafHash: Uint8Array,
  ): Promise<Uint8Array[]> {
    const reader = this.hashReader(head);
    const [stored] = await reader([storedHashIndex(0, leafIndex)]);
    if (!equalBytes(stored!, leafHash)) {
      throw new ArchiveError("INTEGRITY", `the entry given for leaf ${leafIndex} is not the one in the log`);
    }
    const hashes = await proveInclusion(leafIndex, head.size, reader);
    try {
      verifyInclusion(leafIndex, head.size, leafHash, hashes, head.rootHash);
    } catch (cause) {
      throw new ArchiveError("INTEGRITY", `the inclusion proof of leaf ${leafIndex} does not verify`, {
        cause,
      });
    }
    return hashes;
  }

  /**
   * The checkpoint of `text` once its signature under this log's key (and its origin) is checked:
   * C2SP signed note and tlog-checkpoint, as any client would open it. A text is immutable, so
   * its check is remembered (the few latest): the verify paths check every match's receipt, and
   * one Ed25519 verification per head is enough. Throws core's errors like openCheckpoint.
   */
  openCheckpoint(text: string): Checkpoint {
    const known = this.checkpoints.get(text);
    if (known !== undefined) return known;
    const { checkpoint } = openCheckpoint(text, this.verifierKey, this.origin);
    this.checkpoints.set(text, checkpoint);
    if (this.checkpoints.size > VERIFIED_CHECKPOINTS) {
      this.checkpoints.delete(this.checkpoints.keys().next().value!);
    }
    return checkpoint;
  }

  /**
   * Core's tile hash reader for the tree of `head`, shared by every proof against that head: it
   * authenticates each tile against the root once and keeps it, so a proof costs the hashes on
   * its path instead of re-hashing the tiles up to the root each time. A failure (a damaged
   * tile) drops it, so that the next proof reads and authenticates afresh.
   */
  private hashReader(head: LogHead): HashReader {
    const current = this.proving;
    if (
      current &&
      current.size === head.size &&
      current.fetched < PROVING_TILES &&
      equalBytes(current.rootHash, head.rootHash)
    ) {
      return current.read;
    }
    const inner = this.tiles.hashReader(head.size, head.rootHash, () => proving.fetched++);
    const read: HashReader = async (indexes) => {
      try {
        return await inner(indexes);
      } catch (error) {
        if (this.proving === proving) this.proving = undefined;
        throw error;
      }
    };
    const proving = { size: head.size, rootHash: head.rootHash, read, fetched: 0 };
    this.proving = proving;
    return read;
  }
}

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

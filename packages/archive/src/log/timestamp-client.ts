/**
 * Trusted time for checkpoints (issue #16): for each committed checkpoint, an RFC 3161
 * TimeStampReq over SHA-256 of the checkpoint body (the note text before its signatures, so
 * the token stays valid whatever cosignatures are appended), with a fresh nonce, to every
 * configured TSA (ISNAD_TSA_URLS) in parallel. The tokens that come back in time are stored
 * once, create-if-absent, at `log/checkpoint-timestamps/<size>/<hex root>.json`; receipts read
 * them from there (log-reader.ts). A TSA that is slow, down or refusing costs at most
 * `timeoutMs` and is skipped: trusted time never stalls or fails the log.
 */
import { formatBase64, formatHex, isIsnadError, parseBase64, sha256, utf8 } from "@isnad/core";
import { isArchiveError } from "../errors";
import type { ObjectStore } from "../ports";
import { LOG_PREFIX } from "./log-keys";

/** One TSA's token over a checkpoint body: where it came from and its DER (a TimeStampToken). */
export interface CheckpointTimestamp {
  readonly tsa: string;
  readonly token: Uint8Array;
}

export interface TimestampClientOptions {
  /** TSA endpoints (POST application/timestamp-query, RFC 3161 §3.4). */
  readonly urls: readonly string[];
  /** Per request, and so per checkpoint (they run in parallel); default 2 s. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  /** Told of each TSA that did not answer with a token (default: console.warn). */
  readonly onError?: (url: string, error: unknown) => void;
}

/** Parses ISNAD_TSA_URLS: URLs separated by commas or whitespace; none → undefined. */
export function parseTsaUrls(value: string | undefined): string[] | undefined {
  const urls = (value ?? "").split(/[\s,]+/).filter((u) => u.length > 0);
  for (const url of urls) new URL(url); // a typo fails at start, not at the first checkpoint
  return urls.length > 0 ? urls : undefined;
}

export function checkpointTimestampsKey(size: number, rootHash: Uint8Array): string {
  return `${LOG_PREFIX}checkpoint-timestamps/${size}/${formatHex(rootHash)}.json`;
}

/** The signed part of a C2SP signed note: everything before the blank line and signatures. */
export function checkpointBody(note: string): string {
  const end = note.indexOf("\n\n");
  return end === -1 ? note : note.slice(0, end + 1);
}

function encode(stamps: readonly CheckpointTimestamp[]): Uint8Array {
  return utf8(
    JSON.stringify({ timestamps: stamps.map((s) => ({ tsa: s.tsa, token: formatBase64(s.token) })) }),
  );
}

export class TimestampClient {
  readonly urls: readonly string[];
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  private readonly onError: (url: string, error: unknown) => void;

  constructor(options: TimestampClientOptions) {
    this.urls = options.urls;
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.onError =
      options.onError ??
      ((url, e) => console.warn(`isnad: TSA ${url} gave no timestamp: ${(e as Error).message ?? e}`));
  }

  /**
   * One TSA's token over `data`, or a rejection (timeout, HTTP error, refusal, junk, or a token
   * that does not answer this request: another imprint or nonce, RFC 3161 §2.4.2).
   */
  async request(url: string, data: Uint8Array): Promise<Uint8Array> {
    // Loaded on the first stamp (pkijs is a third of the Lambda bundle; most deployments name no TSA).
    const { buildTimeStampRequest, checkTokenAnswers, tokenFromResponse } = await import("@isnad/timestamp");
    const req = buildTimeStampRequest(sha256(data));
    const res = await this.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/timestamp-query", accept: "application/timestamp-reply" },
      body: req.der,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    // Bounded: a token is a few KiB; a TSA that streams more is not answering a timestamp query.
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.length > 64 * 1024) throw new Error("a reply over 64 KiB");
    const token = tokenFromResponse(body);
    await checkTokenAnswers(token, data, req.nonce);
    return token;
  }

  /**
   * Stamps a committed checkpoint and stores the tokens; never throws (a failure only means
   * this checkpoint has fewer tokens). Returns how many TSAs are configured and which answered.
   */
  async stamp(
    objects: ObjectStore,
    checkpoint: string,
    size: number,
    rootHash: Uint8Array,
  ): Promise<{ configured: number; stamped: readonly string[] }> {
    const data = utf8(checkpointBody(checkpoint));
    const answers = await Promise.allSettled(this.urls.map((url) => this.request(url, data)));
    const stamps: CheckpointTimestamp[] = [];
    answers.forEach((a, i) => {
      if (a.status === "fulfilled") stamps.push({ tsa: this.urls[i]!, token: a.value });
      else this.onError(this.urls[i]!, a.reason);
    });
    if (stamps.length > 0) {
      const body = encode(stamps);
      try {
        await objects.putImmutable(checkpointTimestampsKey(size, rootHash), body, {
          contentType: "application/json",
          sha256: sha256(body),
        });
      } catch (e) {
        // A racing integrator stamped the same checkpoint first (CONFLICT): its tokens stand.
        if (!isArchiveError(e, "CONFLICT")) this.onError("(store)", e);
      }
    }
    return { configured: this.urls.length, stamped: stamps.map((s) => s.tsa) };
  }
}

/** The stored tokens of a checkpoint, or none (not stamped, or the TSAs did not answer). */
export async function readCheckpointTimestamps(
  objects: ObjectStore,
  size: number,
  rootHash: Uint8Array,
): Promise<CheckpointTimestamp[]> {
  const bytes = await objects.get(checkpointTimestampsKey(size, rootHash));
  if (bytes === undefined) return [];
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as {
      timestamps?: { tsa?: unknown; token?: unknown }[];
    };
    return (json.timestamps ?? []).flatMap((t) =>
      typeof t.tsa === "string" && typeof t.token === "string"
        ? [{ tsa: t.tsa, token: parseBase64(t.token) }]
        : [],
    );
  } catch (e) {
    // The tokens are evidence beside the receipt, not part of its proof: a damaged object costs
    // the receipt its timestamps, never the receipt.
    if (e instanceof SyntaxError || isIsnadError(e)) return [];
    throw e;
  }
}

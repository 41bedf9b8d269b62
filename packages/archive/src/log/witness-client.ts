/**
 * The log's side of c2sp.org/tlog-witness v1.0.0: after a checkpoint is signed, ask every
 * configured witness to cosign it, in parallel, each under one bounded deadline, and append the
 * cosignature/v1 lines (c2sp.org/tlog-cosignature) that verify under the witness's key.
 *
 * A witness that is down, slow or refusing costs the log at most `timeoutMs` and one missing
 * cosignature, never a stalled or failed commit. The client remembers, per witness, the size it
 * last cosigned (starting from 0); a 409 text/x.tlog.size answer corrects it and the request is
 * retried once with a proof from that size. 403 and 404 both mean "this witness does not serve
 * this log" (some implementations answer 403 for an unknown log).
 */
import {
  appendNoteSignatures,
  formatBase64,
  parseCheckpoint,
  parseNote,
  verifyCosignature,
  type CosignerVerifier,
} from "@isnad/core";

export interface WitnessEndpoint {
  /** The policy name of the witness (also how failures are reported). */
  readonly name: string;
  /** The witness's base URL; the request goes to `<url>/add-checkpoint`. */
  readonly url: string;
  /** Its cosignature/v1 key: lines that do not verify under it are dropped. */
  readonly key: CosignerVerifier;
}

export interface WitnessClientOptions {
  readonly witnesses: readonly WitnessEndpoint[];
  /** The whole budget per witness and checkpoint, retry included (default 2000 ms). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface WitnessOutcome {
  readonly name: string;
  readonly ok: boolean;
  /** Why not, when not ok: "timeout", "unreachable", "not served (403)", "status 422", … */
  readonly reason?: string;
}

export interface CosignedCheckpoint {
  /** The checkpoint with every cosignature obtained appended after the log's signature. */
  readonly checkpoint: string;
  /** How many witnesses are configured, and which of them cosigned. */
  readonly configured: number;
  readonly cosigned: readonly string[];
  readonly outcomes: readonly WitnessOutcome[];
}

/** Proves the checkpoint's tree consistent with the tree of `from` leaves (1 ≤ from ≤ size). */
export type ConsistencyProver = (from: number) => Promise<readonly Uint8Array[]>;

const MAX_RESPONSE_BYTES = 16 * 1024;

class Refused extends Error {}

export class WitnessClient {
  /** Per witness URL: the size we believe it last cosigned. */
  private readonly known = new Map<string, number>();
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: WitnessClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get configured(): number {
    return this.options.witnesses.length;
  }

  async cosign(checkpoint: string, prove: ConsistencyProver): Promise<CosignedCheckpoint> {
    const body = parseNote(checkpoint).text;
    const { size } = parseCheckpoint(body);
    const results = await Promise.all(
      this.options.witnesses.map(async (w): Promise<{ outcome: WitnessOutcome; line?: string }> => {
        try {
          const line = await this.ask(w, checkpoint, body, size, prove);
          return { outcome: { name: w.name, ok: true }, line };
        } catch (e) {
          return { outcome: { name: w.name, ok: false, reason: reasonOf(e) } };
        }
      }),
    );
    const lines = results.flatMap((r) => (r.line === undefined ? [] : [r.line]));
    return {
      checkpoint: appendNoteSignatures(checkpoint, lines),
      configured: this.options.witnesses.length,
      cosigned: results.filter((r) => r.outcome.ok).map((r) => r.outcome.name),
      outcomes: results.map((r) => r.outcome),
    };
  }

  private async ask(
    w: WitnessEndpoint,
    checkpoint: string,
    body: string,
    size: number,
    prove: ConsistencyProver,
  ): Promise<string> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    for (let attempt = 0; attempt < 2; attempt++) {
      const old = this.known.get(w.url) ?? 0;
      if (old > size) throw new Refused(`the witness holds size ${old}, beyond ${size}`);
      const proof = old === 0 || old === size ? [] : await prove(old);
      const request = `old ${old}\n${proof.map((h) => `${formatBase64(h)}\n`).join("")}\n${checkpoint}`;
      const response = await this.fetch(`${w.url.replace(/\/$/, "")}/add-checkpoint`, {
        method: "POST",
        body: request,
        headers: { "content-type": "text/plain; charset=utf-8" },
        signal,
      });
      const text = await readBounded(response);
      if (
        response.status === 409 &&
        /^text\/x\.tlog\.size\b/.test(response.headers.get("content-type") ?? "")
      ) {
        const match = /^(0|[1-9][0-9]{0,15})\n?$/.exec(text);
        if (match === null) throw new Refused("409 without a size");
        this.known.set(w.url, Number(match[1]));
        continue; // once more, from the size the witness holds
      }
      if (response.status === 403 || response.status === 404) {
        throw new Refused(`not served (${response.status})`);
      }
      if (response.status !== 200) throw new Refused(`status ${response.status}`);
      const line = this.verifiedLine(w, body, text);
      this.known.set(w.url, size);
      return line;
    }
    throw new Refused("409 twice");
  }

  /** The one response line that is a valid cosignature by `w` (others are ignored). */
  private verifiedLine(w: WitnessEndpoint, body: string, text: string): string {
    for (const line of text.split("\n")) {
      if (!line.startsWith("\u2014 ")) continue;
      try {
        const [signature] = parseNote(`x\n\n${line}\n`).signatures;
        if (verifyCosignature(body, signature!, w.key) !== undefined) return line;
      } catch {
        // a malformed or failing line: not a cosignature we can publish
      }
    }
    throw new Refused("no valid cosignature in the answer");
  }
}

async function readBounded(response: Response): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_RESPONSE_BYTES) throw new Refused("answer too large");
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_RESPONSE_BYTES) throw new Refused("answer too large");
  return new TextDecoder().decode(bytes);
}

function reasonOf(e: unknown): string {
  if (e instanceof Refused) return e.message;
  const name = (e as { name?: string }).name;
  if (name === "TimeoutError" || name === "AbortError") return "timeout";
  return "unreachable";
}

/**
 * Rate limits: a token bucket (rate r per second, capacity b) per API key for writes and per
 * client address for everything else, answering 429 + Retry-After (RFC 6585 §4, RFC 9110
 * §10.2.3) when a bucket is empty.
 *
 * The buckets live in the process, so the limits are per instance: each Lambda container keeps
 * its own (and serves one request at a time), so a fleet of N containers admits up to N times the
 * rate. That is defence in depth against one client hammering one instance, not a quota; a global
 * limit belongs in front of the function (CloudFront / AWS WAF rate-based rules).
 *
 * Writes are POST /v1/statements, /v1/uploads[/…] and /entries (SCITT); they are counted per API
 * key id (taken from the key's text, before any lookup), or per client address when the request
 * carries nothing that could be a key. Everything else (reads, verification, pages) is per address.
 *
 * A request may cost more than one token: a handler that did costly work says how much with
 * chargeCost (a quote, issue #13: "`/v1/verify?text` weighed by its cost in the rate limiter"),
 * and the client's bucket pays the rest after the answer. The debt is bounded by the burst, so a
 * client is slowed, never locked out for longer than burst / rate.
 */
import type { Context, MiddlewareHandler } from "hono";
import { apiKeyId } from "@isnad/archive";
import { problemResponse } from "./problem";
import { bearerToken } from "./auth";

export interface Bucket {
  /** Tokens added per second. */
  rate: number;
  /** Most tokens held (the burst allowed after a quiet spell). */
  burst: number;
}

export interface RateLimits {
  writes: Bucket;
  reads: Bucket;
  /** The client's address (the socket's locally; CloudFront's X-Forwarded-For on Lambda). */
  clientAddress?: (c: Context) => string | undefined;
  /** Buckets remembered at most; the least recently used go first (default 10 000). */
  maxBuckets?: number;
  now?: () => number;
}

/**
 * Generous ceilings, not quotas: a bulk import of a thousand statements with one key, the load
 * test and a newsroom behind one address all pass; a client looping flat out for minutes does not.
 * An operator who wants tighter limits sets them (rateLimitsFromEnv).
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  writes: { rate: 30, burst: 1_000 },
  reads: { rate: 300, burst: 3_000 },
};

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: Bucket,
    private readonly maxBuckets = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token for `key`: 0 when granted, else the seconds until one will be there. */
  take(key: string): number {
    const now = this.now();
    const last = this.buckets.get(key);
    const tokens = last
      ? Math.min(this.limit.burst, last.tokens + ((now - last.at) / 1000) * this.limit.rate)
      : this.limit.burst;
    this.buckets.delete(key);
    if (this.buckets.size >= this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    return (1 - tokens) / this.limit.rate;
  }

  /** Takes `n` more tokens from `key`'s bucket after the fact; it may owe up to one burst. */
  charge(key: string, n: number): void {
    const now = this.now();
    const last = this.buckets.get(key);
    const tokens = last
      ? Math.min(this.limit.burst, last.tokens + ((now - last.at) / 1000) * this.limit.rate)
      : this.limit.burst;
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: Math.max(-this.limit.burst, tokens - n), at: now });
  }
}

/** What a handler's work cost, in tokens, per request (chargeCost). */
const costs = new WeakMap<Request, number>();

/**
 * Charges a quote verification by its work: one token, plus one per 10 statements examined and
 * one per 256 KiB of stored text read (quote-texts.ts reads windows, so a long text costs only
 * what the quote needed of it), plus `extra` for work beyond the quote (an OCR read, issue #18).
 */
export function chargeCost(c: Context, work: { examined: number; textBytes: number; extra?: number }): void {
  costs.set(
    c.req.raw,
    1 + (work.extra ?? 0) + Math.floor(work.examined / 10) + Math.floor(work.textBytes / (256 * 1024)),
  );
}

// Authenticated writes, limited per API key: uploads, their completion, corrections, SCITT registrations.
const WRITES = /^\/(v1\/(statements|uploads)(\/[^/]+\/(complete|corrections))?|entries)\/?$/;

export function rateLimit(limits: RateLimits): MiddlewareHandler {
  const writes = new TokenBuckets(limits.writes, limits.maxBuckets, limits.now);
  const reads = new TokenBuckets(limits.reads, limits.maxBuckets, limits.now);
  return async (c, next) => {
    const address = `client:${limits.clientAddress?.(c) ?? "unknown"}`;
    const write = c.req.method === "POST" && WRITES.test(c.req.path);
    const token = write ? bearerToken(c.req.header("authorization")) : undefined;
    const keyId = token === undefined ? undefined : apiKeyId(token);
    const wait = write ? writes.take(keyId ? `key:${keyId}` : address) : reads.take(address);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait));
      const res = problemResponse(
        "RATE_LIMITED",
        `too many ${write ? "uploads for this API key" : "requests from this address"}; retry in ${seconds} s`,
        { instance: c.req.path },
      );
      res.headers.set("retry-after", String(seconds));
      return res;
    }
    await next();
    const cost = costs.get(c.req.raw);
    if (!write && cost !== undefined && cost > 1) reads.charge(address, cost - 1);
  };
}

/**
 * Limits from the environment: ISNAD_RATE_LIMIT_WRITES and ISNAD_RATE_LIMIT_READS as
 * `<per second>:<burst>` (e.g. "20:200"), or "off" to turn a limit off; unset → the defaults.
 */
export function rateLimitsFromEnv(env: Record<string, string | undefined>): RateLimits {
  const parse = (name: string, fallback: Bucket): Bucket => {
    const value = env[name]?.trim();
    if (!value) return fallback;
    if (value === "off") return { rate: Number.MAX_VALUE, burst: Number.MAX_VALUE };
    const match = /^(\d+(?:\.\d+)?):(\d+)$/.exec(value);
    if (!match || Number(match[1]) <= 0 || Number(match[2]) < 1) {
      throw new Error(`${name} must be "<per second>:<burst>" (e.g. "20:200") or "off", not "${value}"`);
    }
    return { rate: Number(match[1]), burst: Number(match[2]) };
  };
  return {
    writes: parse("ISNAD_RATE_LIMIT_WRITES", DEFAULT_RATE_LIMITS.writes),
    reads: parse("ISNAD_RATE_LIMIT_READS", DEFAULT_RATE_LIMITS.reads),
  };
}

import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import { DEFAULT_RATE_LIMITS, TokenBuckets, chargeCost, rateLimit, rateLimitsFromEnv } from "./rate-limit";
import { forwardedClientAddress } from "./client-address";

describe("token buckets", () => {
  it("grant a burst, then the rate, and say how long until the next token", () => {
    let now = 0;
    const buckets = new TokenBuckets({ rate: 2, burst: 3 }, 10, () => now);
    expect([buckets.take("a"), buckets.take("a"), buckets.take("a")]).toEqual([0, 0, 0]);
    expect(buckets.take("a")).toBeCloseTo(0.5);
    expect(buckets.take("b")).toBe(0); // another key has its own bucket
    now += 500; // one token back (2/s)
    expect(buckets.take("a")).toBe(0);
    expect(buckets.take("a")).toBeGreaterThan(0);
    now += 60_000; // never more than the burst
    expect([0, 1, 2, 3].map(() => buckets.take("a"))).toEqual([0, 0, 0, expect.any(Number)]);
  });

  it("forget the least recently used bucket past their number", () => {
    const buckets = new TokenBuckets({ rate: 1, burst: 1 }, 2, () => 0);
    buckets.take("a");
    buckets.take("b");
    buckets.take("c"); // "a" is forgotten, and starts full again
    expect(buckets.take("a")).toBe(0);
    expect(buckets.take("c")).toBeGreaterThan(0);
  });
});

describe("rateLimit middleware", () => {
  const app = (address: string) => {
    let now = 0;
    const hono = new Hono();
    hono.use(
      rateLimit({
        writes: { rate: 1, burst: 2 },
        reads: { rate: 1, burst: 3 },
        clientAddress: (c) => c.req.header("x-test-address") ?? address,
        now: () => now,
      }),
    );
    hono.all("*", (c) => c.text("ok"));
    return { hono, advance: (ms: number) => (now += ms) };
  };
  const key = (id: string) => `Bearer isnad_${id.padEnd(16, "0")}_${"s".repeat(43)}`;

  it("limits writes per API key and reads per address, with 429 + Retry-After", async () => {
    const { hono, advance } = app("10.0.0.1");
    const upload = (k: string) =>
      hono.request("/v1/statements", { method: "POST", headers: { authorization: k } });
    expect((await upload(key("a"))).status).toBe(200);
    expect((await upload(key("a"))).status).toBe(200);
    const limited = await upload(key("a"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(((await limited.json()) as { type: string }).type).toBe("urn:isnad:problem:rate-limited");
    expect((await upload(key("b"))).status).toBe(200); // another key
    expect(
      (
        await hono.request("/v1/uploads/0123/complete", {
          method: "POST",
          headers: { authorization: key("a") },
        })
      ).status,
    ).toBe(429);
    // Reads from the same address are another bucket; POST /v1/verify is a read.
    for (let i = 0; i < 3; i++)
      expect((await hono.request("/v1/verify", { method: "POST" })).status).toBe(200);
    expect((await hono.request("/v1/log")).status).toBe(429);
    expect((await hono.request("/v1/log", { headers: { "x-test-address": "10.0.0.2" } })).status).toBe(200);
    advance(1_000);
    expect((await upload(key("a"))).status).toBe(200);
    expect((await hono.request("/v1/log")).status).toBe(200);
  });

  it("counts writes without anything like a key per address", async () => {
    const { hono } = app("10.0.0.9");
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await hono.request("/v1/statements", { method: "POST", headers: { authorization: "Bearer x" } }))
          .status,
      );
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe("costly requests", () => {
  it("charge a quote by its work after the answer, never more than one burst of debt", async () => {
    let now = 0;
    const hono = new Hono();
    hono.use(rateLimit({ writes: { rate: 1, burst: 1 }, reads: { rate: 1, burst: 10 }, now: () => now }));
    hono.get("/v1/verify", (c) => {
      // 1 + 40 / 10 + 1 MiB / 256 KiB = 9 tokens.
      chargeCost(c, { examined: 40, textBytes: 1024 * 1024 });
      return c.text("ok");
    });
    hono.get("/v1/log", (c) => c.text("ok"));
    expect((await hono.request("/v1/verify")).status).toBe(200); // 10 → 1 token left
    expect((await hono.request("/v1/log")).status).toBe(200); // → 0
    expect((await hono.request("/v1/log")).status).toBe(429);
    now += 1_000;
    expect((await hono.request("/v1/log")).status).toBe(200);
    // A run of costly quotes owes at most one burst: back after burst / rate seconds.
    now += 60_000;
    for (let i = 0; i < 5; i++) await hono.request("/v1/verify");
    expect((await hono.request("/v1/log")).status).toBe(429);
    now += 20_000;
    expect((await hono.request("/v1/log")).status).toBe(200);
  });
});

describe("configuration", () => {
  it("reads <per second>:<burst> or off from the environment", () => {
    expect(rateLimitsFromEnv({})).toEqual({
      writes: DEFAULT_RATE_LIMITS.writes,
      reads: DEFAULT_RATE_LIMITS.reads,
    });
    expect(rateLimitsFromEnv({ ISNAD_RATE_LIMIT_WRITES: "0.5:10", ISNAD_RATE_LIMIT_READS: "off" })).toEqual({
      writes: { rate: 0.5, burst: 10 },
      reads: { rate: Number.MAX_VALUE, burst: Number.MAX_VALUE },
    });
    expect(() => rateLimitsFromEnv({ ISNAD_RATE_LIMIT_READS: "fast" })).toThrow(/ISNAD_RATE_LIMIT_READS/);
  });

  it("takes the viewer's address that CloudFront appended, not what the client forged", async () => {
    const hono = new Hono<{ Bindings: { requestContext: { http: { sourceIp: string } } } }>();
    hono.get("/", (c) => c.text(forwardedClientAddress(c) ?? "none"));
    const ask = async (xff: string | undefined, sourceIp: string) => {
      const env = { requestContext: { http: { sourceIp } } };
      const res = await hono.request("/", { headers: xff ? { "x-forwarded-for": xff } : {} }, env);
      return res.text();
    };
    expect(await ask("6.6.6.6, 198.51.100.7", "130.176.0.1")).toBe("198.51.100.7");
    expect(await ask("6.6.6.6, 198.51.100.7, 130.176.0.1", "130.176.0.1")).toBe("198.51.100.7");
    expect(await ask(undefined, "203.0.113.5")).toBe("203.0.113.5");
  });
});

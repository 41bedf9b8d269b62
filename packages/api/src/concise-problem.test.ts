import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import { ArchiveError } from "@isnad/archive";
import { decodeCbor } from "@isnad/cose";
import {
  coapResponseCode,
  conciseProblem,
  conciseProblems,
  CONCISE_PROBLEM_MEDIA_TYPE,
} from "./concise-problem";
import { toProblem } from "./problem";

describe("coapResponseCode", () => {
  it("is RFC 7252's class << 5 | detail for HTTP statuses that have one", () => {
    expect([400, 401, 404, 405, 413, 415, 429, 500, 503].map(coapResponseCode)).toEqual([
      128, 129, 132, 133, 141, 143, 157, 160, 163,
    ]);
    expect(coapResponseCode(201)).toBe(65);
    expect([451, 100, 600, 3.5].map(coapResponseCode)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("conciseProblem", () => {
  it("maps title, detail, instance and status to -1…-4, and the type to a custom entry with the rest", () => {
    const cbor = conciseProblem({
      type: "urn:isnad:problem:too-large",
      title: "Document too large",
      status: 413,
      detail: "larger than 10 bytes",
      instance: "/entries",
      maxBytes: 10,
      ratio: 1.5,
      nested: { ok: true, list: [1, "a", null] },
    });
    expect(decodeCbor(cbor)).toEqual(
      new Map<number | string, unknown>([
        [-1, "Document too large"],
        [-2, "larger than 10 bytes"],
        [-3, "/entries"],
        [-4, 141],
        [
          "urn:isnad:problem:too-large",
          new Map<string, unknown>([
            ["status", 413],
            ["maxBytes", 10],
            ["ratio", "1.5"],
            [
              "nested",
              new Map<string, unknown>([
                ["ok", true],
                ["list", [1, "a", null]],
              ]),
            ],
          ]),
        ],
      ]),
    );
  });
});

describe("conciseProblems middleware", () => {
  const logged: unknown[] = [];
  const app = new Hono();
  app.use("/entries/*", conciseProblems);
  app.get("/entries/fails", () => {
    throw new ArchiveError("UNAUTHORIZED", "no key");
  });
  app.get("/entries/crashes", () => {
    throw new Error("a bug");
  });
  app.get("/entries/ok", (c) => c.json({ fine: true }));
  app.get("/elsewhere", () => {
    throw new ArchiveError("NOT_FOUND", "nothing");
  });
  app.onError((e, c) => toProblem(e, c, { error: (m, f) => logged.push([m, f]) }));

  it("re-encodes problem+json below it, keeping status and headers", async () => {
    const res = await app.request("/entries/fails");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe(CONCISE_PROBLEM_MEDIA_TYPE);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const problem = decodeCbor(new Uint8Array(await res.arrayBuffer())) as Map<number, unknown>;
    expect([problem.get(-1), problem.get(-2), problem.get(-3), problem.get(-4)]).toEqual([
      "Unauthorized",
      "no key",
      "/entries/fails",
      129,
    ]);
  });

  it("re-encodes a 500 without leaking the error, which is logged", async () => {
    const res = await app.request("/entries/crashes");
    expect(res.status).toBe(500);
    const problem = decodeCbor(new Uint8Array(await res.arrayBuffer())) as Map<number, unknown>;
    expect(problem.get(-2)).not.toMatch(/a bug/);
    expect(JSON.stringify(logged)).toMatch(/a bug/);
  });

  it("leaves other answers and other paths alone", async () => {
    expect(await (await app.request("/entries/ok")).json()).toEqual({ fine: true });
    const elsewhere = await app.request("/elsewhere");
    expect(elsewhere.headers.get("content-type")).toBe("application/problem+json");
  });
});

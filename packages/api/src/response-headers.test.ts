import { describe, expect, it } from "vitest";
import { Hono } from "hono";
import { setResponseHeader } from "./response-headers";

function appAnswering(handler: () => Response): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    setResponseHeader(c, "x-added", "yes");
  });
  app.get("/", () => handler());
  return app;
}

describe("setResponseHeader", () => {
  it("adds a header to a response the handler made, keeping its body", async () => {
    const res = await appAnswering(() => Response.json({ a: 1 }, { headers: { "x-own": "kept" } })).request(
      "/",
    );
    expect(res.headers.get("x-added")).toBe("yes");
    expect(res.headers.get("x-own")).toBe("kept");
    expect(await res.json()).toEqual({ a: 1 });
  });

  it("adds it to a response whose headers are immutable (Response.redirect) through a copy", async () => {
    const res = await appAnswering(() => Response.redirect("https://example.org/", 302)).request("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://example.org/");
    expect(res.headers.get("x-added")).toBe("yes");
  });
});

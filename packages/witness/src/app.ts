/**
 * isnad's witness over HTTP (c2sp.org/tlog-witness v1.0.0): POST /add-checkpoint, plus a
 * monitoring read of the latest checkpoint it cosigned for a log, GET /checkpoint/<origin> (the
 * log's note with the witness's cosignature appended), and GET /key (its vkey).
 */
import { Hono } from "hono";
import { appendNoteSignatures, formatCosignerVerifierKey } from "@isnad/core";
import { addCheckpoint, MAX_REQUEST_BYTES, type WitnessConfig } from "./add-checkpoint";

const TEXT = "text/plain; charset=utf-8";

export function createWitnessApp(config: WitnessConfig): Hono {
  const app = new Hono();
  app.post("/add-checkpoint", async (c) => {
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > MAX_REQUEST_BYTES) return c.text("request too large\n", 413);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length > MAX_REQUEST_BYTES) return c.text("request too large\n", 413);
    let body: string;
    try {
      body = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return c.text("the request is not UTF-8\n", 400);
    }
    const outcome = await addCheckpoint(config, body);
    switch (outcome.status) {
      case 200:
        return c.body(`${outcome.cosignature}\n`, 200, { "content-type": TEXT });
      case 409:
        return c.body(`${outcome.size}\n`, 409, { "content-type": "text/x.tlog.size" });
      default:
        return c.body(`${outcome.detail}\n`, outcome.status, { "content-type": TEXT });
    }
  });
  app.get("/checkpoint/:origin{.+}", async (c) => {
    const origin = decodeURIComponent(c.req.param("origin"));
    if (!config.logs.has(origin)) return c.text(`this witness does not serve log ${origin}\n`, 404);
    const latest = await config.state.latest(origin);
    if (latest === undefined) return c.text("nothing cosigned yet\n", 404);
    return c.body(appendNoteSignatures(latest.checkpoint, [latest.cosignature]), 200, {
      "content-type": TEXT,
      "cache-control": "no-store",
    });
  });
  app.get("/key", (c) => c.text(`${formatCosignerVerifierKey(config.cosigner)}\n`));
  app.notFound((c) => c.text("not found\n", 404));
  app.onError((_, c) => c.text("internal error\n", 500));
  return app;
}

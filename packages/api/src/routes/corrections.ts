/**
 * /v1/statements/{id}/corrections: a publisher corrects its statement's metadata with a signed,
 * logged correction (archive corrections.ts); anyone reads the dated list and each one's receipt.
 *
 *   POST …/corrections              {title?, language?, publishedAt?, sourceUrl?, supersedes?,
 *                                    translationOf?, reason?} → 201 (200: the same correction again)
 *   GET  …/corrections              the statement's current metadata and its corrections, oldest first
 *   GET  …/corrections/{seq}        one correction (the signed record)
 *   GET  …/corrections/{seq}/receipt  its offline receipt, as for statements
 */
import { Hono } from "hono";
import { ArchiveError, correctStatement, getStatement, type StatementView } from "@isnad/archive";
import { formatReceipt } from "@isnad/core";
import type { ApiDeps } from "../deps";
import { authenticatedPublisher } from "../auth";
import { readJsonBody } from "../json-body";
import { parseWith, StatementIdParam } from "../schemas";
import { CorrectionBody, CorrectionSeqParam } from "../resource-schemas";
import { correctionJson, statementLinks } from "../views";
import { receiptOf, receiptResponse } from "../receipt-view";

export function correctionsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.post("/", async (c) => {
    const publisher = await authenticatedPublisher(deps, c);
    const { id } = parseWith(StatementIdParam, c.req.param(), "id");
    const { reason, ...changes } = parseWith(CorrectionBody, await readJsonBody(c.req.raw), "body");
    const result = await correctStatement(deps.archive, {
      publisher,
      statement: id,
      changes,
      reason: reason ?? null,
    });
    const { correction } = result;
    const receipt =
      correction.leafIndex === undefined
        ? null
        : formatReceipt(
            await receiptOf(
              deps.log.reader,
              { ...correction, what: `correction ${correction.record.seq}` },
              deps.witnessPolicy,
            ),
          );
    const body = {
      correction: correctionJson(correction),
      current: result.current,
      receipt,
      links: statementLinks(id),
    };
    c.header("location", body.correction.links.self);
    return c.json(body, result.created ? 201 : 200);
  });

  app.get("/", async (c) => {
    const { id } = parseWith(StatementIdParam, c.req.param(), "id");
    const view = await getStatement(deps.archive.items, id);
    return c.json({
      statement: id,
      current: view.current,
      corrections: view.corrections.map(correctionJson),
      links: statementLinks(id),
    });
  });

  app.get("/:seq", async (c) => {
    const { id, seq } = parseWith(CorrectionSeqParam, c.req.param(), "path");
    return c.json(correctionJson(findCorrection(await getStatement(deps.archive.items, id), seq)));
  });

  app.get("/:seq/receipt", async (c) => {
    const { id, seq } = parseWith(CorrectionSeqParam, c.req.param(), "path");
    const correction = findCorrection(await getStatement(deps.archive.items, id), seq);
    return receiptResponse(
      deps.log.reader,
      { ...correction, what: `correction ${seq} of statement ${id}` },
      c.req.header("accept"),
      deps.receiptKey,
      deps.witnessPolicy,
    );
  });

  return app;
}

function findCorrection(view: StatementView, seq: number) {
  const found = view.corrections.find((c) => c.record.seq === seq);
  if (!found) throw new ArchiveError("NOT_FOUND", `statement ${view.record.id} has no correction ${seq}`);
  return found;
}

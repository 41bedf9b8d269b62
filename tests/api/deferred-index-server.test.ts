/**
 * The local server's deferred quote index (issue #15, packages/archive/src/pending-index.ts): a
 * long text's upload answers before its index is written and says so; the server writes it right
 * after, in process; an index a stopped server left pending is written at the next start.
 */
import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { INDEX_NOW_MAX_CHARS, ingest } from "@isnad/archive";
import { utf8 } from "@isnad/core";
import { startTestStack } from "../support/local-stack";

let dataDir: string | undefined;
afterAll(() => (dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined));

function longText(tag: string): string {
  const sentences: string[] = [];
  for (let i = 0; sentences.join(" ").length <= INDEX_NOW_MAX_CHARS + 200; i++) {
    sentences.push(`Bulletin ${tag} ${i}: the harbour office counted ${i * 11} boats at pier ${i * 3}.`);
  }
  return sentences.join(" ");
}

async function quoted(url: string, quote: string): Promise<string[]> {
  const res = await fetch(`${url}/v1/verify?text=${encodeURIComponent(quote)}`);
  const body = (await res.json()) as { matches?: { statement: string }[] };
  return (body.matches ?? []).map((m) => m.statement);
}

describe("deferred quote index on the local server", () => {
  it("answers a long upload before its index exists, writes it right after, and finishes a stopped server's at start", async () => {
    const first = await startTestStack();
    dataDir = first.dataDir;
    const text = longText("north");
    const res = await fetch(`${first.url}/v1/statements`, {
      method: "POST",
      headers: { authorization: `Bearer ${first.apiKey}`, "content-type": "text/plain" },
      body: text,
    });
    expect(res.status).toBe(201);
    const uploaded = (await res.json()) as { id: string; quoteIndex?: { state: string; message: string } };
    expect(uploaded.quoteIndex).toEqual({
      state: "pending",
      message: "quote search will find this statement within a minute",
    });
    await first.services.indexQueue!.idle();
    const view = (await (await fetch(`${first.url}/v1/statements/${uploaded.id}`)).json()) as object;
    expect(view).not.toHaveProperty("quoteIndex");
    expect(await quoted(first.url, "Bulletin north 20: the harbour office counted 220 boats")).toContain(
      uploaded.id,
    );

    // A server stopped before it wrote an index: its marker waits in the table.
    const stopped = await ingest(
      { ...first.services.archive, indexQueue: { enqueue: () => {} } },
      {
        publisher: first.publisher,
        body: utf8(longText("south")),
        declaredMediaType: "text/plain",
        filename: null,
        fields: {},
      },
    );
    const id = stopped.statement.record.id;
    const pendingView = (await (await fetch(`${first.url}/v1/statements/${id}`)).json()) as object;
    expect(pendingView).toHaveProperty("quoteIndex.state", "pending");
    expect(await quoted(first.url, "Bulletin south 20: the harbour office counted 220 boats")).not.toContain(
      id,
    );
    await first.stop();

    const second = await startTestStack({ dataDir });
    try {
      await second.services.indexQueue!.idle();
      expect(await quoted(second.url, "Bulletin south 20: the harbour office counted 220 boats")).toContain(
        id,
      );
      const view = (await (await fetch(`${second.url}/v1/statements/${id}`)).json()) as object;
      expect(view).not.toHaveProperty("quoteIndex");
    } finally {
      await second.stop();
    }
  });
});

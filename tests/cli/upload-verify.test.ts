/**
 * `isnad upload` and `isnad verify` against the real local stack, as a publisher and a
 * fact-checker would run them (issue #7): exit codes, plain-words verdicts, --json.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReceipt, sha256Hex, utf8 } from "@isnad/core";
import { seedFile, startTestStack, type TestStack } from "../support/local-stack";
import { runCli } from "../support/cli";

let stack: TestStack;
let dir: string;
let env: Record<string, string>;
let statementFile: string;

const SENTENCE = "ارتكبت نحو 80 خرقاً لاتفاق وقف إطلاق النار، خلال الأيام الثلاثة الماضية فقط";

beforeAll(async () => {
  stack = await startTestStack();
  dir = await mkdtemp(join(tmpdir(), "isnad-cli-"));
  env = { ISNAD_SERVER: stack.url, ISNAD_API_KEY: stack.apiKey };
  statementFile = join(dir, "statement.ar.txt");
  await writeFile(
    statementFile,
    `بيان صحفي من اختبار سطر الأوامر\n\nأكدت الهيئة اليوم أنها لن تقبل أي تأجيل للانتخابات المقررة (${Date.now()}-${Math.random()}).\n`,
  );
});
afterAll(async () => {
  await stack?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("isnad upload", () => {
  let id: string;

  it("archives a new statement (exit 0), prints its id and URL, and saves its receipt", async () => {
    const receiptFile = join(dir, "receipt.json");
    const result = await runCli(
      ["upload", statementFile, "--title", "بيان الاختبار", "--language", "ar", "--receipt-out", receiptFile],
      env,
    );
    expect(result.stderr).toContain("uploading statement.ar.txt");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^archived: بيان الاختبار/);
    id = /id\s+([0-9a-f]{32})/.exec(result.stdout)![1]!;
    expect(result.stdout).toContain(`${stack.url}/s/${id}`);
    expect(result.stdout).toContain(sha256Hex(await readFile(statementFile)));
    const receipt = parseReceipt(await readFile(receiptFile, "utf8"));
    expect(new TextDecoder().decode(receipt.entry)).toContain(`"id":"${id}"`);
    const record = await fetch(`${stack.url}/v1/statements/${id}`);
    expect(record.status).toBe(200);
  });

  it("says 'already archived' for the same bytes again (200, exit 0), also in --json", async () => {
    const again = await runCli(["upload", statementFile], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^already archived/);
    expect(again.stdout).toContain(id);
    const json = await runCli(["upload", statementFile, "--json"], env);
    expect(json.code).toBe(0);
    expect(json.stderr).not.toContain("uploading");
    expect(JSON.parse(json.stdout)).toMatchObject({ status: "already-archived", id, statement: { id } });
  });

  it("refuses without a key, or with a wrong one (exit 1, saying what to do)", async () => {
    const none = await runCli(["upload", statementFile], { ...env, ISNAD_API_KEY: "" });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no API key: pass --key KEY or set ISNAD_API_KEY");
    const wrong = await runCli(["upload", statementFile, "--key", "isnad_0000000000000000_nope"], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("the server refused the API key (401");
  });

  it("exits 1 for a field the server rejects, 3 for a missing file or an unreachable server", async () => {
    const field = await runCli(["upload", statementFile, "--published-at", "yesterday"], env);
    expect(field.code).toBe(1);
    expect(field.stderr).toContain("publishedAt");
    const missing = await runCli(["upload", join(dir, "nope.pdf")], env);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("nope.pdf: file not found");
    const down = await runCli(["upload", statementFile, "--server", "http://127.0.0.1:9"], env);
    expect(down.code).toBe(3);
    expect(down.stderr).toContain("cannot reach http://127.0.0.1:9");
    expect(down.stderr).toContain("is `npm start` running?");
  });
});

describe("isnad verify", () => {
  it("finds a file by its hash, computed locally (exit 0, authentic)", async () => {
    const result = await runCli(["verify", seedFile], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("hashing etilaf-daraa-ceasefire-violations.ar.txt");
    expect(result.stdout).toContain("✓ AUTHENTIC");
    expect(result.stdout).toContain(stack.seeded[0]!.id);
    expect(result.stdout).toMatch(/publisher {2}National Coalition .* \[etilaf\]/);
    expect(result.stdout).toContain(`${stack.url}/v1/verify?sha256=${sha256Hex(await readFile(seedFile))}`);
  });

  it("finds a SHA-256 given on the command line, in any case", async () => {
    const hex = sha256Hex(await readFile(statementFile)).toUpperCase();
    const result = await runCli(["verify", "--sha256", hex, "--json"], env);
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body).toMatchObject({ verdict: "authentic", confirmed: true });
    expect(body.matches[0].title).toBe("بيان الاختبار");
  });

  it("says NOT FOUND (exit 1) for a file one byte off", async () => {
    const changed = join(dir, "changed.txt");
    const bytes = await readFile(seedFile);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    await writeFile(changed, bytes);
    const result = await runCli(["verify", changed], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ NOT FOUND");
  });

  it("finds the seed's sentence written with added tashkeel (exit 0), showing the passage", async () => {
    const withTashkeel = "ارْتَكَبَتْ نَحْوَ 80 خَرْقاً لِاتِّفَاقِ وَقْفِ إِطْلَاقِ النَّارِ، خِلَالَ الأَيَّامِ الثَّلَاثَةِ الْمَاضِيَةِ فَقَطْ";
    const result = await runCli(["verify", "--text", withTashkeel], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("✓ SAME WORDS");
    expect(result.stdout).toContain("diacritics");
    expect(result.stdout).toContain(`«${SENTENCE}»`);
    expect(result.stdout).toContain(stack.seeded[0]!.id);
  });

  it("says ALTERED (exit 1) for a changed number, the original beside the quote", async () => {
    const result = await runCli(["verify", "--text", SENTENCE.replace("80", "90")], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("✗ ALTERED");
    expect(result.stdout).toContain("number changed: original «80», quote «90»");
  });

  it("says ALTERED (exit 1) for a removed negation, and --json carries the differences", async () => {
    const result = await runCli(["verify", "--json", "--text", "والتي يمكن أن يكتب لها النجاح"], env);
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout);
    expect(body.verdict).toBe("altered");
    expect(body.confirmed).toBe(false);
    expect(body.matches[0].differences).toEqual([
      expect.objectContaining({ kind: "negation", original: "لا" }),
    ]);
    const text = await runCli(["verify", "--text", "والتي يمكن أن يكتب لها النجاح"], env);
    expect(text.stdout).toContain("negation removed: the original says «لا» here");
  });

  it("exits 2 for unclear input, 1 for a quote the server rejects", async () => {
    const both = await runCli(["verify", seedFile, "--sha256", "a".repeat(64)], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give exactly one of");
    const badHash = await runCli(["verify", "--sha256", "xyz"], env);
    expect(badHash.code).toBe(2);
    const short = await runCli(["verify", "--text", "two words"], env);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("at least 3 words");
  });

  it("never uploads the file it verifies: one GET with the SHA-256, no body", async () => {
    const fresh = join(dir, "never-uploaded.txt");
    const content = `never uploaded ${Math.random()}`;
    await writeFile(fresh, content);
    const seen: { method: string; url: string; bodyBytes: number }[] = [];
    const server = createServer((req, res) => {
      let bodyBytes = 0;
      req.on("data", (chunk: Buffer) => (bodyBytes += chunk.length));
      req.on("end", () => {
        seen.push({ method: req.method!, url: req.url!, bodyBytes });
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({ verdict: "not-found", query: { sha256: sha256Hex(utf8(content)) }, matches: [] }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const result = await runCli(["verify", fresh, "--server", `http://127.0.0.1:${port}`], env);
      expect(result.code).toBe(1);
      expect(seen).toEqual([
        { method: "GET", url: `/v1/verify?sha256=${sha256Hex(utf8(content))}`, bodyBytes: 0 },
      ]);
    } finally {
      server.close();
    }
  });
});

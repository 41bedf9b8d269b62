import { describe, expect, it } from "vitest";
import { extractHtml } from "./extract-html";
import { htmlToText, prescanMetaCharset } from "./html-text";
import { encodeCp1256 } from "./testing/cp1256";
import { makeStatementPage } from "./testing/make-html";
import { seedParagraphs } from "./testing/seed";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("htmlToText", () => {
  it("keeps visible text only, with blocks as lines and paragraphs as blank lines", () => {
    const html = `<html><head><title>T</title><style>p{}</style></head><body>
      <h1>Title &amp; more</h1>
      <p>Hello   <b>world</b>,
        again.</p><p>Second<br>line</p>
      <script>alert(1)</script><noscript>nojs</noscript><template><p>tpl</p></template>
      <ul><li>one</li><li>two <i>x</i></li></ul>
      <table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>
      <div hidden>h1</div><div style="display: none">h2</div><span aria-hidden="true">h3</span>
      <pre>  x
   y</pre>&#1575;&nbsp;&#x628;</body></html>`;
    expect(htmlToText(html)).toBe(
      "Title & more\n\nHello world, again.\n\nSecond\nline\n\none\ntwo x\n\na b\nc d\n\n  x\n   y\n\nا\u00a0ب",
    );
  });

  it("does not glue words across inline elements, nor split them", () => {
    expect(htmlToText("<p>ال<b>ائتلاف</b> <i>الوطني</i></p>")).toBe("الائتلاف الوطني");
    expect(htmlToText("<div>a</div><div>b</div>")).toBe("a\nb");
  });

  it("survives malformed markup", () => {
    expect(htmlToText("<p>open <b>bold <i>both</p> after")).toBe("open bold both\n\nafter");
    expect(htmlToText("<<<>>>&bogus; </p></div>")).toBe("<<<>>>&bogus;");
    expect(htmlToText("")).toBe("");
  });
});

describe("htmlToText on long whitespace runs (issue #13)", () => {
  // Each of these was O(n²) with `/\n*$/`, `/ +$/` or `/\n+$/` (80,000 newlines: 13 s; 1,000,000
  // would take about half an hour): the test timeout is what fails a quadratic regression. The
  // answers are compared as a boolean plus a length, so a failure does not diff megabytes.
  const same = (got: string, want: string) => ({ equal: got === want, length: got.length });

  it.each([120_000, 1_000_000])("keeps %i newlines inside <pre> between two words", (n) => {
    const run = "\n".repeat(n);
    expect(same(htmlToText(`<pre>a${run}b</pre>`), `a${run}b`)).toEqual({ equal: true, length: n + 2 });
    expect(same(htmlToText(`<pre>${run}a</pre>`), `${run}a`)).toEqual({ equal: true, length: n + 1 });
  });

  it.each([120_000, 1_000_000])("drops %i newlines at the end of the text", (n) => {
    expect(htmlToText(`<p>x</p><pre>a${"\n".repeat(n)}</pre>`)).toBe("x\n\na");
  });

  it.each([120_000, 1_000_000])("trims %i spaces before a line break, and keeps them inside a line", (n) => {
    const spaces = " ".repeat(n);
    const trimmed = htmlToText(`<pre>a${spaces}b ${spaces}</pre><br>c`);
    expect(same(trimmed, `a${spaces}b\n\nc`)).toEqual({ equal: true, length: n + 5 });
    const kept = htmlToText(`<pre>${spaces}\n${spaces}x</pre>`);
    expect(same(kept, `${spaces}\n${spaces}x`)).toEqual({ equal: true, length: 2 * n + 2 });
  });
});

describe("extractHtml", () => {
  it("extracts the seed statement from a generated page, and nothing else", () => {
    const paragraphs = seedParagraphs();
    const { text, warnings } = extractHtml(utf8(makeStatementPage(paragraphs)));
    expect(text).toBe(paragraphs.join("\n\n"));
    expect(warnings).toEqual([]);
  });

  it("honours <meta charset> for windows-1256 pages", () => {
    const paragraphs = seedParagraphs();
    const bytes = encodeCp1256(makeStatementPage(paragraphs, "windows-1256"));
    expect(prescanMetaCharset(bytes)).toBe("windows-1256");
    expect(extractHtml(bytes)).toEqual({ text: paragraphs.join("\n\n"), warnings: [] });
  });

  it("prefers the transport charset, and falls back when the meta charset lies", () => {
    const page = makeStatementPage(["عنوان", "نص البيان هنا"], "utf-8");
    expect(extractHtml(encodeCp1256(page), "windows-1256").text).toBe("عنوان\n\nنص البيان هنا");
    const lying = extractHtml(encodeCp1256(page));
    expect(lying.text).toBe("عنوان\n\nنص البيان هنا");
    expect(lying.warnings).toEqual(["not valid UTF-8: decoded as windows-1256 (legacy Arabic)"]);
  });

  it("reads http-equiv charsets and treats a UTF-16 meta as UTF-8", () => {
    const equiv = `<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`;
    expect(prescanMetaCharset(utf8(equiv))).toBe("windows-1256");
    expect(prescanMetaCharset(utf8(`<meta charset="UTF-16LE">`))).toBe("utf-8");
    expect(extractHtml(utf8(`<meta charset="x-bogus"><p>hi</p>`)).warnings).toEqual([
      'unknown <meta> charset "x-bogus" ignored',
    ]);
  });
});

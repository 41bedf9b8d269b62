import { describe, expect, it } from "vitest";
import { RawHtml, escapeHtml, fillHtml, html } from "./html";

describe("html", () => {
  it("escapes every interpolation unless it is RawHtml, arrays included", () => {
    const hostile = `"><script>alert('x')</script>&`;
    expect(escapeHtml(hostile)).toBe("&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;");
    expect(html`<p title="${hostile}">${[hostile, html`<b>ok</b>`]}</p>`.value).toBe(
      `<p title="${escapeHtml(hostile)}">${escapeHtml(hostile)}<b>ok</b></p>`,
    );
    expect(html`${null}${undefined}${false}${0}`.value).toBe("0");
    expect(String(new RawHtml("<i>"))).toBe("<i>");
  });

  it("fills a translated template with markup, escaping the template's own words", () => {
    expect(fillHtml("<{n}> of {size}", { n: html`<bdi>1</bdi>`, size: html`<bdi>2</bdi>` }).value).toBe(
      "&lt;<bdi>1</bdi>&gt; of <bdi>2</bdi>",
    );
  });
});

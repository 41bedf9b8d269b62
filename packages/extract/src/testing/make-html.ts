const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A press-release page as a CMS would serve it: head, navigation noise in script/style/noscript/
 * template, the title as <h1>, one <p> per paragraph with inline markup and entities, a footer.
 */
export function makeStatementPage(paragraphs: string[], charset = "utf-8"): string {
  const [title = "", ...body] = paragraphs;
  const ps = body.map((p) => {
    const words = escapeHtml(p).split(" ");
    // Emphasise one word and break the source lines, as templates do.
    if (words.length > 3) words[2] = `<strong>${words[2]}</strong>\n      `;
    return `    <p>${words.join(" ")}</p>`;
  });
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
  <head>
    <meta charset="${charset}">
    <title>${escapeHtml(title)} | الائتلاف</title>
    <style>p { margin: 0 }</style>
    <script>window.dataLayer = [{ "page": "statement" }];</script>
  </head>
  <body>
    <noscript>يرجى تفعيل جافاسكربت</noscript>
    <template><p>قالب مخفي</p></template>
    <article>
    <h1>${escapeHtml(title)}</h1>
${ps.join("\n")}
    </article>
    <script>console.log("&amp; not text")</script>
  </body>
</html>
`;
}

/**
 * The pages' one small stylesheet, inline (PAGE_CSP allows inline styles, and one request less
 * matters on a phone). Logical properties (margin-inline-start, border-inline-start …) keep the
 * layout right in both directions. Colours are chosen for ≥ 4.5:1 contrast (WCAG 2.2 §1.4.3) on
 * their backgrounds; the focus ring is 3px and never removed (§2.4.7).
 */
export const PAGE_STYLES = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #8a8a8a; --accent: #0b5d3b;
  --ok-bg: #e6f4ea; --ok: #0d4a22; --info-bg: #e8f0fe; --info: #123d73; --bad-bg: #fdecea; --bad: #7a1810;
  --none-bg: #f1f3f4; --none: #303336; --warn-bg: #fff3cd; --warn: #5c4400; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.7; font-size: 1.0625rem;
  font-family: system-ui, "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "DejaVu Sans", "Segoe UI", Tahoma, sans-serif; }
:lang(en) body, body:lang(en) { line-height: 1.55; }
a { color: #0645ad; }
a:visited { color: #4b2a8a; }
:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.skip { position: absolute; inset-inline-start: 0.5rem; top: -3rem; background: #fff; padding: 0.5rem; }
.skip:focus { top: 0.5rem; }
header.top { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap;
  padding: 0.6rem 1rem; border-bottom: 1px solid #d0d0d0; }
.brand { font-weight: 700; font-size: 1.25rem; color: var(--accent); text-decoration: none; }
.brand:visited { color: var(--accent); }
main { max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.35; margin: 0.5rem 0 0.75rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
.lead { color: var(--muted); margin-top: 0; }
.methods { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
.card { border: 1px solid #c4c4c4; border-radius: 8px; padding: 0.75rem 1rem 1rem; }
.card h2 { margin-top: 0; }
label { display: block; font-weight: 600; margin-bottom: 0.3rem; }
.note { color: var(--muted); font-size: 0.92rem; margin: 0.4rem 0 0; }
.drop { border: 2px dashed var(--line); border-radius: 8px; padding: 1rem; text-align: center; }
.drop.over { border-color: var(--accent); background: var(--ok-bg); }
.drop:focus-within { border-color: #1a5fb4; }
.drop input { max-width: 100%; font: inherit; }
input[type="text"], textarea { width: 100%; font: inherit; padding: 0.5rem; border: 1px solid #767676;
  border-radius: 6px; color: var(--ink); background: #fff; }
textarea { min-height: 6rem; resize: vertical; }
.row { display: flex; gap: 0.5rem; align-items: flex-start; flex-wrap: wrap; margin-top: 0.5rem; }
.row input { flex: 1 1 14rem; width: auto; min-width: 0; }
button { font: inherit; font-weight: 600; padding: 0.45rem 1.2rem; border-radius: 6px; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; cursor: pointer; }
button:hover { background: #084a2f; }
progress { width: 100%; height: 1rem; margin-top: 0.5rem; }
.mono, code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
code, .hash { word-break: break-all; }
.result:empty { display: none; }
.result { margin-top: 1.5rem; }
.verdict { border-inline-start: 6px solid; border-radius: 8px; padding: 0.75rem 1rem; margin-bottom: 1rem; }
.verdict h2 { margin: 0 0 0.25rem; font-size: 1.45rem; }
.verdict p { margin: 0.25rem 0; }
.v-authentic, .v-verbatim, .v-same-words { background: var(--ok-bg); color: var(--ok); border-color: #1e7b34; }
.v-abridged { background: var(--info-bg); color: var(--info); border-color: #1a5fb4; }
.v-altered { background: var(--bad-bg); color: var(--bad); border-color: #b3261e; }
.v-uncertain { background: var(--warn-bg); color: var(--warn); border-color: #b58100; border-style: dashed; }
.v-not-found, .v-error { background: var(--none-bg); color: var(--none); border-color: #5f6368; }
.warn { background: var(--warn-bg); color: var(--warn); border: 1px solid #b58100; border-radius: 6px; padding: 0.5rem 0.75rem; }
.bad { color: var(--bad); }
.statement { border: 1px solid #c4c4c4; border-radius: 8px; padding: 0.75rem 1rem; margin: 1rem 0; }
.statement h3 { margin-top: 0; font-size: 1.15rem; }
dl { margin: 0.5rem 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; min-width: 0; }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.4rem; } }
ul.plain { padding-inline-start: 1.2rem; margin: 0.3rem 0; }
blockquote.context { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border-inline-start: 4px solid var(--line);
  background: #fafafa; white-space: pre-wrap; }
mark { background: #ffe27a; color: #000; padding: 0 0.1em; }
mark.diff { background: #f6b8b2; color: #000; text-decoration: underline wavy #b3261e; }
table.diffs { border-collapse: collapse; width: 100%; margin: 0.5rem 0; background: #fff; color: var(--ink); }
table.diffs caption { text-align: start; font-weight: 600; padding: 0.25rem 0; }
table.diffs th, table.diffs td { border: 1px solid #b0b0b0; padding: 0.35rem 0.5rem; text-align: start; vertical-align: top; }
table.diffs td.orig { background: #eaf6ec; font-weight: 600; }
table.diffs td.quote { background: #fdecea; font-weight: 600; }
table.diffs td.image canvas { display: block; max-width: 100%; border: 1px solid #b0b0b0; }
table.diffs[data-group="uncertain"] td.quote { background: #fff4d6; }
.links { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; margin: 0.5rem 0 0; padding: 0; list-style: none; }
.proofs li { margin-bottom: 0.3rem; }
.ok-mark { color: #1e7b34; font-weight: 700; }
.bad-mark { color: #b3261e; font-weight: 700; }
pre { background: #f4f4f4; padding: 0.5rem 0.75rem; border-radius: 6px; direction: ltr; text-align: left;
  white-space: pre-wrap; overflow-wrap: anywhere; }
ol.steps li { margin-bottom: 0.5rem; }
footer { max-width: 48rem; margin: 2rem auto 1rem; padding: 0.75rem 1rem; border-top: 1px solid #d0d0d0; color: var(--muted); font-size: 0.92rem; }
.stext { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #c4c4c4; border-radius: 8px;
  padding: 0.75rem 1rem; max-height: 36rem; overflow-y: auto; font-size: 1.1rem; line-height: 1.9; background: #fcfcfc; }
.stext:lang(en), .stext:lang(fr) { line-height: 1.6; }
.stext mark { background: #ffe27a; color: #000; outline: 2px solid #b58100; }
.diff ins { background: #d7f0dc; color: #0d4a22; text-decoration: underline; }
.diff del { background: #fbe0dd; color: #7a1810; text-decoration: line-through; }
ins { background: #d7f0dc; color: #0d4a22; }
del { background: #fbe0dd; color: #7a1810; }
.cite pre { margin: 0.25rem 0; }
.v-receipt-ok { background: var(--ok-bg); color: var(--ok); border-color: #1e7b34; }
.v-receipt-bad { background: var(--bad-bg); color: var(--bad); border-color: #b3261e; }
form.receipt { margin-top: 1rem; }
form.receipt input[type="file"] { display: block; margin-bottom: 0.6rem; max-width: 100%; font: inherit; }
.citebox { background: #f4f4f4; padding: 0.5rem 0.75rem; border-radius: 6px; margin: 0.25rem 0; overflow-wrap: anywhere; }
button.copy { font-size: 0.9rem; padding: 0.2rem 0.8rem; background: #fff; color: var(--accent); }
button.copy:hover { background: var(--ok-bg); }
a.source { word-break: break-all; }
ol.statements { padding-inline-start: 1.4rem; }
ol.statements li { margin-bottom: 0.75rem; }
nav.pager { display: flex; justify-content: space-between; gap: 1rem; margin: 1rem 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

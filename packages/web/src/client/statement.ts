/**
 * The provenance page's script (/assets/statement.js): copy buttons (the page link, the
 * citations), and the passage a verify result found, marked from `#q=start-end,…` — a fragment
 * never reaches the server, so the server-side `?hl=` cannot see it. Offsets are UTF-16 units
 * into the extracted text, which #stext holds as text nodes in order.
 */
import { parseHighlight } from "../pages/provenance-data";
import { normalizeRanges } from "../pages/statement-text";

function enableCopyButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy]")) {
    const target = document.getElementById(button.dataset.copy ?? "");
    if (!target) continue;
    button.hidden = false;
    const label = button.textContent;
    button.addEventListener("click", () => {
      const text = target.textContent ?? "";
      const done = () => {
        button.textContent = button.dataset.copied ?? label;
        setTimeout(() => (button.textContent = label), 2000);
      };
      if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, () => selectText(target));
      else selectText(target);
    });
  }
}

/** Without clipboard access (http, permissions): select the text for Ctrl-C. */
function selectText(node: Node): void {
  const range = document.createRange();
  range.selectNodeContents(node);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** Wraps [start, end) of the text under `root` in <mark>s, splitting text nodes as needed. */
function markRange(root: HTMLElement, start: number, end: number, first: boolean): HTMLElement | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const pieces: [Text, number, number][] = [];
  let at = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const len = node.data.length;
    const s = Math.max(start, at);
    const e = Math.min(end, at + len);
    if (s < e && !node.parentElement?.closest("mark")) pieces.push([node, s - at, e - at]);
    at += len;
  }
  let firstMark: HTMLElement | null = null;
  for (const [node, s, e] of pieces) {
    const range = document.createRange();
    range.setStart(node, s);
    range.setEnd(node, e);
    const mark = document.createElement("mark");
    mark.setAttribute("data-hl", "");
    range.surroundContents(mark);
    if (!firstMark) {
      firstMark = mark;
      if (first && !document.getElementById("hl")) mark.id = "hl";
    }
  }
  return firstMark;
}

function highlightFromFragment(): void {
  const match = /(?:^#|&)q=([\d,-]{1,400})/.exec(window.location.hash);
  const root = document.getElementById("stext");
  if (!match || !root) return;
  const ranges = normalizeRanges(parseHighlight(match[1]), (root.textContent ?? "").length);
  let first: HTMLElement | null = null;
  ranges.forEach(([s, e], i) => {
    const mark = markRange(root, s, e, i === 0);
    first ??= mark;
  });
  const note = document.getElementById("hl-note");
  if (first && note) note.hidden = false;
  (first as HTMLElement | null)?.scrollIntoView({ block: "center" });
}

enableCopyButtons();
highlightFromFragment();

/**
 * The verify page's browser code (bundled by build-client.ts into /assets/verify.js). A dropped or
 * chosen file is hashed here, locally, and only its SHA-256 is sent (GET /v1/verify?sha256=); a
 * pasted hash goes the same way; a quote is sent to POST /v1/verify. A screenshot (PNG, JPEG,
 * WebP) is sent whole to POST /v1/verify, which reads it by OCR (render-screenshot.ts). The verdict is written into
 * the aria-live region #result, and the URL is updated so that a result can be shared.
 */
import { fillTemplate, parseLang } from "../i18n";
import { QUOTE_PAGING_STRINGS } from "../strings/quote-paging-strings";
import { VERIFY_STRINGS } from "../strings/verify-strings";
import type {
  HashVerification,
  Problem,
  QuoteMatch,
  QuoteVerification,
  ScreenshotVerification,
} from "./api-types";
import { h } from "./dom";
import { hashFile, parseSha256Input } from "./hash-file";
import { renderError, renderHashResult, renderQuoteResult } from "./render-result";
import { renderScreenshotResult } from "./render-screenshot";
import { SCREENSHOT_STRINGS } from "../strings/screenshot-strings";
import type { RenderContext } from "./render-statement";

/** Quotes up to this length also go into the page URL (GET /v1/verify takes 4 000 characters). */
const SHAREABLE_QUOTE = 1_000;

const lang = parseLang(document.documentElement.lang);
const ctx: RenderContext = { lang, t: VERIFY_STRINGS[lang] };
const { t } = ctx;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const result = byId<HTMLElement>("result");
const fileInput = byId<HTMLInputElement>("file");
const drop = byId<HTMLElement>("drop");
const progress = byId<HTMLProgressElement>("file-progress");
const hashInput = byId<HTMLInputElement>("sha256");
const quoteInput = byId<HTMLTextAreaElement>("quote");

/** Each run gets a number; a slower earlier answer never overwrites a newer one. */
let run = 0;

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  const body = (await res.json().catch(() => ({}))) as T & Problem;
  if (!res.ok) throw new ApiError(res.status, body.detail ?? body.title ?? `HTTP ${res.status}`);
  return body;
}

const texts = new Map<string, Promise<string | undefined>>();
function fetchText(match: QuoteMatch): Promise<string | undefined> {
  let text = texts.get(match.statement);
  if (!text) {
    text = fetch(match.links.text).then((r) => (r.ok ? r.text() : undefined));
    texts.set(match.statement, text);
  }
  return text;
}

function show(nodes: HTMLElement[], ticket: number): void {
  if (ticket !== run) return;
  result.setAttribute("aria-busy", "false");
  result.replaceChildren(...nodes);
  // On a phone the verdict lands below the forms: bring it into view (focus stays put; the live
  // region announces it).
  if (result.getBoundingClientRect().top > window.innerHeight * 0.6)
    result.scrollIntoView({ block: "start" });
}

function busy(): number {
  run++;
  result.setAttribute("aria-busy", "true");
  result.replaceChildren(h("p", { class: "note", "data-state": "checking" }, t.checking));
  return run;
}

async function attempt(ticket: number, work: () => Promise<HTMLElement[]>): Promise<void> {
  try {
    show(await work(), ticket);
  } catch (error) {
    show(renderError(error instanceof Error ? error.message : String(error), ctx), ticket);
  }
}

function shareUrl(params: Record<string, string>): void {
  const url = new URL(location.href);
  url.search = new URLSearchParams({ ...params, ...(lang === "ar" ? {} : { lang }) }).toString();
  history.replaceState(null, "", url);
}

async function verifyHash(hex: string, file?: { name: string }): Promise<void> {
  const ticket = file ? run : busy();
  if (!file) shareUrl({ sha256: hex });
  await attempt(ticket, async () =>
    renderHashResult(await getJson<HashVerification>(`/v1/verify?sha256=${hex}`), ctx, file),
  );
}

/** Images the server reads by OCR (the API sniffs the bytes; the type is only the page's hint). */
const SCREENSHOT_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);
/** Sends a screenshot to be read; an image archived as it is comes back as a hash answer. */
async function verifyScreenshot(file: File): Promise<void> {
  const ticket = busy();
  result.replaceChildren(
    h("p", { class: "note", "data-state": "reading" }, SCREENSHOT_STRINGS[lang].reading),
  );
  await attempt(ticket, async () => {
    const form = new FormData();
    form.append("file", file, file.name);
    const body = await getJson<ScreenshotVerification | HashVerification>("/v1/verify", {
      method: "POST",
      body: form,
    });
    if (!("read" in body)) return renderHashResult(body, ctx, { name: file.name });
    const image = { bitmap: await createImageBitmap(file), width: body.read.width, height: body.read.height };
    return renderScreenshotResult(body, image, ctx, fetchText);
  });
}

async function verifyFile(file: File): Promise<void> {
  if (SCREENSHOT_TYPES.has(file.type)) return verifyScreenshot(file);
  const ticket = busy();
  progress.hidden = false;
  progress.value = 0;
  try {
    const hex = await hashFile(file, (done, total) => {
      progress.value = total === 0 ? 1 : done / total;
    });
    if (ticket !== run) return;
    // The file's name is not put in the URL: only its fingerprint is shareable.
    shareUrl({ sha256: hex });
    await verifyHash(hex, { name: file.name });
  } catch (error) {
    show(renderError(error instanceof Error ? error.message : String(error), ctx), ticket);
  } finally {
    progress.hidden = true;
  }
}

/**
 * Verifies a quote, one page of statements at a time. `cursors` are the cursors of the pages
 * before this one (empty for the first), so that the pager can go back as well as on.
 */
async function verifyText(text: string, cursors: string[] = []): Promise<void> {
  const ticket = busy();
  if (text.length <= SHAREABLE_QUOTE && cursors.length === 0) shareUrl({ text });
  const cursor = cursors[cursors.length - 1];
  await attempt(ticket, async () => {
    const body = await getJson<QuoteVerification>("/v1/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, limit: QUOTE_PAGE, ...(cursor ? { cursor } : {}) }),
    }).catch((error: unknown) => {
      // The API's 400 for a quote too short to look up, said in the reader's language.
      throw error instanceof ApiError && error.status === 400 ? new Error(t.quoteEmpty) : error;
    });
    const nodes = await renderQuoteResult(body, ctx, fetchText);
    const pager = quotePager(body, cursors.length * QUOTE_PAGE, {
      previous: cursors.length > 0 ? () => void verifyText(text, cursors.slice(0, -1)) : undefined,
      next: body.cursor ? () => void verifyText(text, [...cursors, body.cursor!]) : undefined,
    });
    return pager ? [...nodes, pager] : nodes;
  });
}

/** Statements per page of a quote's answer: as many as a result shows. */
const QUOTE_PAGE = 5;

/** "Statements 6–10 of 23 that hold this quote", with Previous / Next; none for one short page. */
function quotePager(
  body: QuoteVerification,
  from: number,
  go: { previous?: () => void; next?: () => void },
): HTMLElement | undefined {
  const total = body.total ?? body.matches.length;
  const incomplete = body.complete === false;
  if (total <= body.matches.length && !go.previous && !incomplete) return undefined;
  const s = QUOTE_PAGING_STRINGS[lang];
  const button = (label: string, action: (() => void) | undefined, rel: string) => {
    if (!action) return undefined;
    const b = h("button", { type: "button", "data-page": rel }, label);
    b.addEventListener("click", action);
    return b;
  };
  return h(
    "nav",
    { class: "pager", "aria-label": s.label, "data-total": String(total) },
    h(
      "p",
      { class: "note" },
      fillTemplate<string>(s.showing, {
        from: String(Math.min(total, from + 1)),
        to: String(from + body.matches.length),
        total: String(total),
      }).join(""),
    ),
    incomplete && h("p", { class: "note" }, s.incomplete),
    button(s.previous, go.previous, "previous"),
    button(s.next, go.next, "next"),
  );
}

fileInput.addEventListener("change", () => {
  const file = fileInput.files?.[0];
  if (file) void verifyFile(file);
});

// Dropping works on the zone; the <input type=file> inside it stays the keyboard's way in.
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  const file = event.dataTransfer?.files[0];
  if (file) void verifyFile(file);
});

byId<HTMLFormElement>("file-form").addEventListener("submit", (event) => event.preventDefault());

byId<HTMLFormElement>("hash-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const hex = parseSha256Input(hashInput.value);
  if (!hex) {
    busy();
    show(renderError(t.hashInvalid, ctx), run);
    return;
  }
  void verifyHash(hex);
});

const quoteForm = byId<HTMLFormElement>("quote-form");
quoteForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = quoteInput.value.trim();
  if (text) void verifyText(text);
});
// Enter verifies (line breaks do not matter to matching); Shift+Enter still adds a line.
quoteInput.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    quoteForm.requestSubmit();
  }
});

// A shared link (/?sha256=… or /?text=…) runs its verification when the page opens.
const params = new URLSearchParams(location.search);
const sharedHash = params.get("sha256");
const sharedText = params.get("text");
if (sharedHash && parseSha256Input(sharedHash)) {
  hashInput.value = sharedHash;
  void verifyHash(parseSha256Input(sharedHash)!);
} else if (sharedText) {
  quoteInput.value = sharedText;
  void verifyText(sharedText.trim());
}

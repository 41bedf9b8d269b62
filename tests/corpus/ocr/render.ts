/**
 * Regenerates the OCR screenshot corpus: every render of cases.ts drawn by headless Chromium
 * (Debian `chromium`, driven by playwright-core) as PNG and as JPEG quality 70, genuine and with its
 * fabrication (one word changed, or a sentence added on a line of its own), into images/, and
 * corpus.json with the ground truth of each; `held-out` renders held-out.ts's set instead, into
 * images/held-out/ and held-out.json.
 * Not run by `npm test` (the outputs are committed): `npx tsx tests/corpus/ocr/render.ts [tuning|held-out]`.
 * Needs the Debian packages chromium, fonts-hosny-amiri, fonts-noto-core, fonts-kacst-one and
 * fonts-dejavu-core (tests/system/ensure-tools.sh installs them).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM } from "../../e2e/browser";
import { phonePage, cardPage } from "./render-html";
import {
  OCR_DIR,
  PASSAGES,
  RENDERS,
  addLine,
  fabricate,
  manifestPath,
  passageText,
  type CorpusImage,
  type CorpusSet,
  type Passage,
  type Render,
} from "./cases";
import { HELD_OUT_PASSAGES, HELD_OUT_RENDERS } from "./held-out";

const IMAGES = join(OCR_DIR, "images");
const SETS: Record<CorpusSet, { passages: readonly Passage[]; renders: readonly Render[]; dir: string }> = {
  tuning: { passages: PASSAGES, renders: RENDERS, dir: "" },
  "held-out": { passages: HELD_OUT_PASSAGES, renders: HELD_OUT_RENDERS, dir: "held-out/" },
};
const JPEG_QUALITY = 70;

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

function requireFont(family: string): void {
  const found = execFileSync("fc-list", [`:family=${family}`, "family"], { encoding: "utf8" }).trim();
  if (!found) throw new Error(`font "${family}" is not installed (see the header of render.ts)`);
}

async function shoot(
  browser: Browser,
  render: Render,
  html: string,
  format: "png" | "jpeg",
): Promise<Buffer> {
  const context = await browser.newContext({
    deviceScaleFactor: render.scale,
    viewport: { width: 800, height: 1000 },
  });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const options =
      format === "jpeg" ? { type: "jpeg" as const, quality: JPEG_QUALITY } : { type: "png" as const };
    if (render.frame === "card") return await page.locator("#shot").screenshot(options);
    // The crop a person makes of a phone screenshot: the post with the frame's edge, the avatar and
    // the action bar, without the rest of the screen.
    const phone = await page.locator(".phone").boundingBox();
    const post = await page.locator(".post").boundingBox();
    if (!phone || !post) throw new Error("the phone page has no .phone or .post");
    const y = post.y - 30; // a strip of the app bar above the post stays in the crop
    return await page.screenshot({
      ...options,
      clip: { x: phone.x, y, width: phone.width, height: post.y + post.height + 10 - y },
    });
  } finally {
    await context.close();
  }
}

/** The fabricated text of a render, and the fabrication's record. */
function fabrication(passage: Passage, render: Render, genuine: string) {
  if (render.fabrication === "added-line") {
    if (!passage.addedLine) throw new Error(`passage ${passage.id} has no addedLine`);
    const added = addLine(genuine, passage.addedLine);
    const { start, end } = added;
    return {
      text: added.text,
      record: { kind: "added-line" as const, word: "", replacement: passage.addedLine, start, end },
    };
  }
  const fake = fabricate(genuine, passage.word, passage.to);
  return {
    text: fake.text,
    record: { word: passage.word, replacement: passage.to, start: fake.start, end: fake.end },
  };
}

async function main(set: CorpusSet): Promise<void> {
  const { passages, renders, dir } = SETS[set];
  for (const family of new Set(renders.map((r) => r.font))) requireFont(family);
  const out = join(IMAGES, dir);
  mkdirSync(out, { recursive: true });
  // This set's images only: the other set's folder stays.
  for (const f of readdirSync(out, { withFileTypes: true })) if (f.isFile()) rmSync(join(out, f.name));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--font-render-hinting=none"],
  });
  const corpus: CorpusImage[] = [];
  try {
    for (const render of renders) {
      const passage = passages.find((p) => p.id === render.passage);
      if (!passage) throw new Error(`no passage ${render.passage}`);
      const genuine = passageText(passage);
      const fake = fabrication(passage, render, genuine);
      const added = render.fabrication === "added-line" ? ".added-line" : "";
      const base = `${passage.id}.${slug(render.font)}.${render.size}px${render.frame === "phone" ? ".phone" : ""}${added}`;
      for (const [kind, text] of [
        ["genuine", genuine],
        ["fabricated", fake.text],
      ] as const) {
        const html = (render.frame === "phone" ? phonePage : cardPage)(text, passage.language, render);
        for (const format of ["png", "jpeg"] as const) {
          const file = `${dir}${base}${kind === "fabricated" ? ".fabricated" : ""}${format === "jpeg" ? ".q70.jpg" : ".png"}`;
          writeFileSync(join(IMAGES, file), await shoot(browser, render, html, format));
          const { passage: id, fabrication: _, ...style } = render;
          corpus.push({
            file,
            passage: id,
            language: passage.language,
            ...style,
            format,
            ...(format === "jpeg" ? { quality: JPEG_QUALITY } : {}),
            text,
            source: passage.source,
            ...(kind === "fabricated" ? { fabrication: fake.record } : {}),
          });
          process.stderr.write(`${file}\n`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  writeFileSync(manifestPath(set), `${JSON.stringify(corpus, null, 2)}\n`);
}

const set = (process.argv[2] ?? "tuning") as CorpusSet;
if (!(set in SETS)) throw new Error(`render.ts [tuning|held-out], not ${set}`);
await main(set);

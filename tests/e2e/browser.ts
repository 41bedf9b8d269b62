/**
 * Real headless Chromium for the end-to-end tests: Debian's `chromium` (apt-get install chromium)
 * driven by playwright-core, never a downloaded browser. Each launch gets a fresh profile.
 * Screenshots go to test-results/e2e/ (git-ignored), kept as test artifacts.
 */
import { access, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { repoRoot } from "../support/local-stack";

export const CHROMIUM = process.env.ISNAD_CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOTS = join(repoRoot, "test-results", "e2e");

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

export interface TestBrowser {
  context: BrowserContext;
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  try {
    await access(CHROMIUM);
  } catch {
    throw new Error(
      `end-to-end tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set ISNAD_CHROMIUM)`,
    );
  }
  const profile = await mkdtemp(join(tmpdir(), "isnad-chromium-"));
  // A persistent context is how Playwright takes a user data dir of our choosing.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1024, height: 900 },
    locale: "ar",
    acceptDownloads: true,
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    context,
    async newPage(options = {}) {
      const page = await context.newPage();
      if (options.width) await page.setViewportSize({ width: options.width, height: options.height ?? 800 });
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

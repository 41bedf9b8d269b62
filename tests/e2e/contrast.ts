/**
 * WCAG 2.2 §1.4.3 contrast (minimum): text needs a ratio of at least 4.5:1 against what is behind
 * it. Computed in the page from the computed colours, with the background taken from the nearest
 * ancestor that paints one (the pages use no background images or translucent text).
 */
import type { Page } from "playwright-core";

export interface LowContrast {
  text: string;
  ratio: number;
}

export function lowContrast(page: Page, minimum = 4.5): Promise<LowContrast[]> {
  return page.evaluate((min) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    // WCAG 2.2 "relative luminance", with the sRGB transfer function.
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r!, g!, b!].map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out: { text: string; ratio: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || el.closest("script, style, [hidden], .skip")) continue;
      if (el.getClientRects().length === 0) continue;
      const fg = luminance(rgb(getComputedStyle(el).color));
      const bg = luminance(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < min)
        out.push({ text: node.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100 });
    }
    return out;
  }, minimum);
}

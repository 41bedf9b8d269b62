/**
 * The pages speak Arabic first (most statements isnad archives are Arabic) and English on request:
 * `?lang=en`, or a browser whose Accept-Language prefers English (RFC 9110 §12.5.4). The language
 * decides `lang` and `dir` of the whole document.
 */
export type Lang = "ar" | "en";

export const LANGS: readonly Lang[] = ["ar", "en"];

export function parseLang(value: string | null | undefined): Lang {
  return value === "en" ? "en" : "ar";
}

/**
 * The page language: an explicit `?lang=` wins (a link someone shared, the switch link), then the
 * first of ours in Accept-Language by quality (ties keep the header's order), then Arabic.
 */
export function negotiateLang(
  query: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Lang {
  if (query === "ar" || query === "en") return query;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of (acceptLanguage ?? "").slice(0, 1000).split(",")) {
    const [range = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const primary = range.split("-")[0];
    if (primary !== "ar" && primary !== "en") continue;
    if (!best || q > best.q) best = { lang: primary, q };
  }
  return best?.lang ?? "ar";
}

export function dirOf(lang: Lang): "rtl" | "ltr" {
  return lang === "ar" ? "rtl" : "ltr";
}

/**
 * A page path in a language. The language is always explicit: a link without it would follow the
 * reader's Accept-Language, so the switch link to Arabic would not switch an English browser.
 */
export function langHref(path: string, lang: Lang): string {
  const hash = path.indexOf("#");
  const [base, fragment] = hash === -1 ? [path, ""] : [path.slice(0, hash), path.slice(hash)];
  return `${base}${base.includes("?") ? "&" : "?"}lang=${lang}${fragment}`;
}

/** The other language, for the switch link. */
export function otherLang(lang: Lang): Lang {
  return lang === "ar" ? "en" : "ar";
}

/**
 * One digit style per language, everywhere on a page: Latin digits (0–9) in both, for dates,
 * counts and sizes alike, so that a date read on the page is the same string a journalist finds
 * in the JSON record and the receipt. Statement texts and titles are shown as archived.
 */
const LOCALES: Record<Lang, string> = { ar: "ar-u-nu-latn", en: "en-GB" };

export function formatDate(value: string | null | undefined, lang: Lang): string | null {
  if (!value) return null;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  const format = new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: "long",
    ...(dateOnly ? {} : { timeStyle: "short" }),
    timeZone: "UTC",
  });
  return dateOnly ? format.format(date) : `${format.format(date)} UTC`;
}

/** A BCP 47 tag with its name in the reader's language ("العربية (ar)"); the tag alone if unknown. */
export function formatLanguage(tag: string, lang: Lang): string {
  try {
    const name = new Intl.DisplayNames([LOCALES[lang]], { type: "language" }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag; // not a well-formed tag: shown as given
  }
}

export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(value);
}

/** A size in bytes, in the largest unit that keeps it ≥ 1 (1 KB = 1024 bytes). */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = lang === "ar" ? ["بايت", "كيلوبايت", "ميغابايت", "غيغابايت"] : ["bytes", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0);
  return `${formatNumber(Number(shown), lang)} ${units[unit]}`;
}

/**
 * Splits a translated template at its `{name}` placeholders, so that callers can put markup (a
 * <bdi> around a number, a link) where the words of each language want it, without building HTML
 * from strings. Unknown placeholders stay as written.
 */
export function fillTemplate<T>(template: string, values: Record<string, T>): (string | T)[] {
  const parts: (string | T)[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const name = match[1]!;
    if (!(name in values)) continue;
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push(values[name]!);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

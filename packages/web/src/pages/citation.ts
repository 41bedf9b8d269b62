/**
 * "Cite this statement": the same facts in three forms — a sentence to paste, BibTeX (for LaTeX
 * and reference managers) and CSL-JSON (the Citation Style Language's input format, read by Zotero,
 * pandoc and citeproc; https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). All
 * name the publisher as an institution (a literal name, never split into given/family names), the
 * permanent page URL, the dates as the publisher states them and as isnad archived the file, and
 * the file's SHA-256, so that a citation can be checked against the archive.
 */
import { formatDate, type Lang } from "../i18n";
import { publisherName, type ProvenanceData } from "./provenance-data";

export interface CitationFacts {
  id: string;
  publisher: string;
  title: string;
  publishedAt: string | null;
  receivedAt: string;
  language: string | null;
  url: string;
  sha256: string;
}

export function citationFacts(data: ProvenanceData, lang: Lang, untitled: string): CitationFacts {
  const r = data.record;
  return {
    id: r.id,
    publisher: publisherName(data.publisher, lang),
    title: data.current.title ?? r.original.filename ?? untitled,
    publishedAt: data.current.publishedAt,
    receivedAt: r.receivedAt,
    language: data.current.language,
    url: `${data.baseUrl.replace(/\/$/, "")}/s/${r.id}`,
    sha256: r.original.sha256,
  };
}

export function formatPlainCitation(f: CitationFacts, lang: Lang): string {
  const published = f.publishedAt ? formatDate(f.publishedAt, lang) : null;
  const archived = formatDate(f.receivedAt.slice(0, 10), lang);
  return lang === "ar"
    ? `${f.publisher}. «${f.title}».${published ? ` ${published}.` : ""} مؤرشف في إسناد بتاريخ ${archived}. ${f.url} (بصمة SHA-256: ${f.sha256})`
    : `${f.publisher}. “${f.title}.”${published ? ` ${published}.` : ""} Archived by isnad on ${archived}. ${f.url} (SHA-256 ${f.sha256}).`;
}

/** BibTeX's special characters, escaped so that a title cannot break out of its field. */
function bib(value: string): string {
  return value
    .replace(/\\/g, "\\textbackslash{}")
    .replace(/[{}%&$#_]/g, (c) => `\\${c}`)
    .replace(/\^/g, "\\^{}")
    .replace(/~/g, "\\~{}")
    .replace(/[\r\n]+/g, " ");
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

export function formatBibtex(f: CitationFacts): string {
  const published = f.publishedAt ? ISO_DATE.exec(f.publishedAt) : null;
  const fields: [string, string][] = [
    ["author", `{${bib(f.publisher)}}`],
    ["title", bib(f.title)],
    ...(published
      ? ([
          ["year", published[1]!],
          ["date", `${published[1]}-${published[2]}-${published[3]}`],
        ] as [string, string][])
      : []),
    ["url", f.url],
    ["urldate", f.receivedAt.slice(0, 10)],
    ...(f.language ? ([["langid", bib(f.language)]] as [string, string][]) : []),
    ["note", `Archived by isnad on ${f.receivedAt.slice(0, 10)}; SHA-256 ${f.sha256}`],
  ];
  return `@misc{isnad-${f.id.slice(0, 12)},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(",\n")}\n}`;
}

function dateParts(value: string | null): { "date-parts": number[][] } | undefined {
  const m = value ? ISO_DATE.exec(value) : null;
  return m ? { "date-parts": [[Number(m[1]), Number(m[2]), Number(m[3])]] } : undefined;
}

export function formatCslJson(f: CitationFacts): string {
  const issued = dateParts(f.publishedAt);
  const item = {
    id: `isnad-${f.id}`,
    type: "document",
    title: f.title,
    author: [{ literal: f.publisher }],
    ...(issued ? { issued } : {}),
    accessed: dateParts(f.receivedAt),
    URL: f.url,
    ...(f.language ? { language: f.language } : {}),
    archive: "isnad",
    archive_location: f.id,
    note: `SHA-256 ${f.sha256}`,
  };
  return JSON.stringify([item], null, 2);
}

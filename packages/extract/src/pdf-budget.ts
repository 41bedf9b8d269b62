import { constants, createInflate, type Inflate } from "node:zlib";
import { formatSize } from "./budgets";
import { ExtractionError } from "./types";

/**
 * The bytes a PDF's streams decode to, counted before pdf.js sees the file: pdf.js inflates a
 * stream whole into memory, so a 1 MB file whose content stream inflates to 1,000 MiB would cost
 * the worker 1,000 MiB (issue #13). Each FlateDecode stream (ISO 32000-2 §7.4.4) is inflated
 * here through zlib's streaming inflater, output counted and thrown away, and counting stops
 * past the budget. Image XObjects (§8.9.5) are skipped: text extraction never decodes them.
 *
 * The stream data is found the way pdf.js's recovery does: from the `stream` keyword to the next
 * `endstream`, without trusting /Length (§7.3.8.1), so a lying /Length cannot hide a stream.
 */
export async function checkPdfBudget(
  bytes: Uint8Array,
  budget: number,
  check: () => void = () => {},
): Promise<void> {
  // Counting stops just past the budget: inflating is the attacker's cheapest way to buy our CPU.
  let total = 0;
  for (const stream of pdfStreams(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
    check();
    if (stream.image || stream.flateLayers === 0) continue;
    total += await inflatedSize(stream.data, stream.flateLayers, budget - total);
    if (total > budget) {
      throw new ExtractionError(
        "failed",
        `too large to extract: more than ${formatSize(budget)} when decompressed`,
      );
    }
  }
}

interface PdfStream {
  data: Buffer;
  /** How many FlateDecode filters are chained on it (0: none, or only other filters). */
  flateLayers: number;
  image: boolean;
}

// The stream dictionary's /Filter: a name or an array of names (§7.4.1, Table 5); /Fl is the
// abbreviation inline images use (§8.9.7), which some writers also use for streams.
const FILTER = /\/Filter\s*(\[[^\]]*\]|\/[\w.#-]+)/;
const FLATE = /\/(?:FlateDecode|Fl)(?![\w.#-])/g;
const IMAGE = /\/Subtype\s*\/Image(?![\w.#-])/;
// How far back from `stream` the dictionary is looked for: dictionaries of content and font
// streams are small; one that is not cannot hide a filter from pdf.js either, which reads the
// same bytes (the window only decides what is counted, never what is extracted).
const DICTIONARY_WINDOW = 4096;

function* pdfStreams(buf: Buffer): Generator<PdfStream> {
  let from = 0;
  let previousEnd = 0;
  for (;;) {
    const at = buf.indexOf("stream", from, "latin1");
    if (at < 0) return;
    from = at + 6;
    if (at >= 3 && buf.toString("latin1", at - 3, at) === "end") continue;
    // §7.3.8.1: the keyword is followed by CRLF or LF (pdf.js also accepts a lone CR).
    let start = at + 6;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    if (start === at + 6) continue; // "stream" inside a name or a string, not the keyword
    let end = buf.indexOf("endstream", start, "latin1");
    if (end < 0) end = buf.length;
    const head = buf.toString("latin1", Math.max(previousEnd, at - DICTIONARY_WINDOW), at);
    const dictionary = head.slice(head.lastIndexOf("obj") + 1);
    const filter = FILTER.exec(dictionary)?.[1] ?? "";
    yield {
      data: buf.subarray(start, end),
      flateLayers: filter.match(FLATE)?.length ?? 0,
      image: IMAGE.test(dictionary),
    };
    from = previousEnd = end;
  }
}

/**
 * What `data` inflates to through `layers` chained FlateDecode filters, counted up to `limit`
 * (then the inflaters are destroyed). A broken stream counts what came out before the damage,
 * as pdf.js keeps what it could decode.
 */
function inflatedSize(data: Buffer, layers: number, limit: number): Promise<number> {
  return new Promise((resolve) => {
    // Z_SYNC_FLUSH at the end: a truncated stream yields what it holds instead of an error.
    const options = { finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 256 * 1024 };
    const chain: Inflate[] = Array.from({ length: layers }, () => createInflate(options));
    let count = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      for (const z of chain) z.destroy();
      resolve(count);
    };
    for (let i = 0; i + 1 < chain.length; i++) chain[i]!.pipe(chain[i + 1]!);
    const last = chain[chain.length - 1]!;
    last.on("data", (chunk: Buffer) => {
      count += chunk.length;
      if (count > limit) finish();
    });
    last.on("end", finish);
    for (const z of chain) z.on("error", finish);
    chain[0]!.end(data);
  });
}

/**
 * Pages of an original (issue #12 §3: an *uncertain* verdict sends the reader to "page 3 of the
 * original"). A PDF's extraction says where each page begins in the extracted text: `pageStarts`,
 * UTF-16 offsets, ascending, page n starting at pageStarts[n - 1]. They are kept beside the text,
 * not in the signed record: a page number helps a reader find the place, it proves nothing.
 */

/** Pages kept at most (extraction reads at most 2,000; a stored list longer than this is refused). */
export const MAX_PAGE_STARTS = 100_000;

/** The 1-based page holding offset `at`: the last start at or before it (undefined without pages). */
export function pageOf(pageStarts: readonly number[] | undefined, at: number): number | undefined {
  if (!pageStarts || pageStarts.length === 0) return undefined;
  let lo = 0;
  let hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pageStarts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Whether `value` is a usable pageStarts for a text of `length` code units: a non-empty array of
 * integers from 0, non-decreasing (an empty page starts where the next one does), within the text.
 * What is read back from storage is checked with it rather than trusted.
 */
export function isPageStarts(value: unknown, length: number): value is number[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_PAGE_STARTS) return false;
  let previous = 0;
  for (const start of value) {
    if (!Number.isInteger(start) || start < previous || start > length) return false;
    previous = start as number;
  }
  return value[0] === 0;
}

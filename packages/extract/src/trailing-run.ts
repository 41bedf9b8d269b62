// Backward scans for a run of one character at the end of a string. `/\n*$/` and `/\n+$/` look like
// the same thing, but a backtracking engine retries the run from every position inside it, so a
// string holding n such characters followed by anything else costs O(n²) (issue #13: 120,000
// newlines in a <pre> blocked the server for 30 s). These cost O(run length).

/** How many times `char` (one UTF-16 code unit) repeats at the very end of `text`. */
export function trailingRun(text: string, char: string): number {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.length - end;
}

/** `text` without the run of `char` at its end. */
export function trimTrailing(text: string, char: string): string {
  const run = trailingRun(text, char);
  return run === 0 ? text : text.slice(0, text.length - run);
}

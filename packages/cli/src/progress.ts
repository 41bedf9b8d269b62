/**
 * Progress on stderr for long reads (uploading, hashing). A redrawn bar only when stderr is a
 * terminal; plain start and end lines when it is a pipe or a file (logs stay readable); nothing
 * at all with --json, where the only output is the JSON document.
 */
export interface Progress {
  advance(bytes: number): void;
  finish(): void;
  /** Ends a bar cut short by an error, so the error message starts on its own line. */
  abort(): void;
}

export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const REDRAW_MS = 100;
const silent: Progress = { advance() {}, finish() {}, abort() {} };

export function createProgress(
  label: string,
  total: number,
  options: { json: boolean; sink?: ProgressSink; now?: () => number },
): Progress {
  if (options.json) return silent;
  const sink = options.sink ?? process.stderr;
  const now = options.now ?? Date.now;
  if (!sink.isTTY) {
    sink.write(`${label} (${formatBytes(total)})…\n`);
    return { advance() {}, finish: () => void sink.write(`${label}: done\n`), abort() {} };
  }
  let done = 0;
  let drawnAt = -Infinity;
  let open = false;
  const draw = () => {
    drawnAt = now();
    open = true;
    sink.write(`\r${formatProgressLine(label, done, total, sink.columns ?? 80)}`);
  };
  return {
    advance(bytes) {
      done += bytes;
      if (now() - drawnAt >= REDRAW_MS) draw();
    },
    finish() {
      done = total;
      draw();
      sink.write("\n");
      open = false;
    },
    abort() {
      if (open) sink.write("\n");
      open = false;
    },
  };
}

/** `label [#######·······]  45%  4.5 MB / 10.0 MB`, fitted into `columns`. */
export function formatProgressLine(label: string, done: number, total: number, columns: number): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const tail = ` ${String(Math.floor(ratio * 100)).padStart(3)}%  ${formatBytes(done)} / ${formatBytes(total)}`;
  const width = Math.max(10, Math.min(40, columns - label.length - tail.length - 4));
  const filled = Math.round(ratio * width);
  return `${label} [${"#".repeat(filled)}${"·".repeat(width - filled)}]${tail}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Human lines or one JSON document (`--json`), so scripts and people read the same command. */
export interface Output {
  /** The command's result: the JSON value with --json, else the lines. */
  result(value: unknown, lines: () => string[]): void;
  /** A note for people (warnings, hints): stderr, so it never spoils a JSON document on stdout. */
  note(line: string): void;
  /** A failure: its message on stderr, and with --json also `{"error": …}` as the document. */
  error(message: string, exitCode: number): void;
}

export function createOutput(
  json: boolean,
  write: (text: string) => void = (t) => process.stdout.write(t),
  writeErr: (text: string) => void = (t) => process.stderr.write(t),
): Output {
  return {
    result(value, lines) {
      write(json ? JSON.stringify(value, null, 2) + "\n" : lines().join("\n") + "\n");
    },
    note(line) {
      writeErr(line + "\n");
    },
    error(message, exitCode) {
      writeErr(`isnad: ${message}\n`);
      if (json) write(JSON.stringify({ error: { message, exitCode } }, null, 2) + "\n");
    },
  };
}

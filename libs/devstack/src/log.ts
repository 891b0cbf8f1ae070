/** Receives one line of human-readable output (no trailing newline). */
export type LineLogger = (line: string) => void;

/** A logger that swallows everything; the default when a caller passes no `log`. */
export const silentLogger: LineLogger = () => {};

// Wide enough for "[meritflow]" so the columns of all components line up in one terminal.
const TAG_WIDTH = 11;

/** Writes `[tag] line` to stdout, tags padded so several components stay readable in one terminal. */
export function prefixedLogger(tag: string, write: (text: string) => void = (t) => void process.stdout.write(t)): LineLogger {
  const prefix = `[${tag}]`.padEnd(TAG_WIDTH, ' ');
  // Multi-line messages (errors with details) keep the tag on every line.
  return (text) =>
    write(
      text
        .split(/\r?\n/)
        .map((line) => `${prefix} ${line}\n`)
        .join(''),
    );
}

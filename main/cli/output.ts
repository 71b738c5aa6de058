// How the command line speaks: results on stdout (plain or --json), reasons and progress on stderr.
import { formatBytes } from '../domain';
import { plainJson, plainText } from '../mesh';

export interface Output {
  json: boolean;
  /** A result: an object in --json mode, else the lines given. */
  result(value: unknown, lines: () => string[]): void;
  /** A line for the person at the terminal, on stderr so stdout stays machine-readable. */
  note(line: string): void;
  /** Progress of a long transfer, redrawn in place; only when stderr is a terminal. */
  progress(label: string, done: number, total: number): void;
  endProgress(): void;
}

/**
 * Progress is redrawn at most this often: a download reports every 256 KiB written, hundreds of times a second, and
 * each redraw is a write to the terminal.
 */
const REDRAW_EVERY_MS = 100;

export function createOutput(
  json: boolean,
  stdout: Pick<NodeJS.WriteStream, 'write'> = process.stdout,
  stderr: Pick<NodeJS.WriteStream, 'write' | 'isTTY'> = process.stderr,
  now: () => number = Date.now,
): Output {
  let drawing = false;
  let drawnAt = -Infinity;
  let undrawn: string | undefined;
  return {
    json,
    result(value, lines) {
      // What MESH sent (ids, file names, subjects) is in these lines: no control characters reach the terminal.
      stdout.write(
        json
          ? `${plainJson(JSON.stringify(value, null, 2))}\n`
          : lines()
              .map((line) => `${plainText(line)}\n`)
              .join(''),
      );
    },
    note(line) {
      stderr.write(`${plainText(line)}\n`);
    },
    progress(label, done, total) {
      if (!stderr.isTTY) return;
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      const line = `\r${plainText(label)}: ${formatBytes(done)} of ${formatBytes(total)} (${percent}%)   `;
      if (now() - drawnAt < REDRAW_EVERY_MS) {
        undrawn = line;
        return;
      }
      stderr.write(line);
      drawnAt = now();
      undrawn = undefined;
      drawing = true;
    },
    endProgress() {
      // The last figure is shown before the line ends, though it came sooner than a redraw was due.
      if (undrawn) stderr.write(undrawn);
      if (drawing || undrawn) stderr.write('\n');
      drawing = false;
      undrawn = undefined;
      drawnAt = -Infinity;
    },
  };
}

/** Sizes as the screens show them, so an operator reads the same figure in both. */
export { formatBytes };

/** Rows as aligned columns, for plain output. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

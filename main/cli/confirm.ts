// Asking before something that cannot be undone, when a person is at the terminal: only when both
// stdin and stderr are terminals (never for scripts, servers or `mesh-console jobs`, whose
// behaviour must not change), and never with --yes. The question goes to stderr, so stdout stays
// the command's result.
import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';

export interface Terminal {
  input: Readable & { isTTY?: boolean };
  output: Writable & { isTTY?: boolean };
}

/** This process's terminal, looked at only when a command asks: the first look at process.stdin opens it (1–2 ms at every start). */
function processTerminal(): Terminal {
  return { input: process.stdin, output: process.stderr };
}

export function personAtTerminal(terminal: Terminal = processTerminal()): boolean {
  return terminal.input.isTTY === true && terminal.output.isTTY === true;
}

/**
 * True to go on: with --yes, when no person is at the terminal, or when the person answers yes
 * (or y). Anything else, an empty line or the end of input, is no.
 */
export async function confirmIrreversible(question: string, options: { yes?: boolean }, terminal = processTerminal()): Promise<boolean> {
  if (options.yes || !personAtTerminal(terminal)) return true;
  const reader = createInterface({ input: terminal.input, output: terminal.output, terminal: false });
  try {
    terminal.output.write(`${question}\nType yes to go on, anything else to stop: `);
    const answer = await new Promise<string>((resolve) => {
      reader.once('line', resolve);
      reader.once('close', () => resolve(''));
    });
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    reader.close();
  }
}

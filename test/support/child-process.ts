// Child processes in tests: wait for what they print (never for a fixed time), notice at once
// when one ends early, and never leave one running when the test's folder is removed.
import type { ChildProcess } from 'node:child_process';

export interface WatchedProcess {
  readonly child: ChildProcess;
  /** What it has printed so far on the streams watched. */
  output(): string;
  /**
   * Resolves once the output matches. Rejects, quoting the output, if the process ends first or
   * `signal` aborts (pass the test's `t.signal`); no deadline of its own: the test's is the limit.
   */
  waitFor(pattern: RegExp, signal?: AbortSignal): Promise<RegExpExecArray>;
  /** Its exit code, once it has exited and everything it printed has been read. */
  readonly closed: Promise<number | null>;
  /** Sends `signal` (SIGKILL unless told) unless it has already exited; resolves once closed. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Starts collecting `child`'s output; call straight after spawn. Unwatched piped streams are drained. */
export function watchProcess(child: ChildProcess, streams: readonly ('stdout' | 'stderr')[] = ['stderr']): WatchedProcess {
  let output = '';
  let ended: Error | undefined;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = child[name];
    if (!stream) continue;
    if (streams.includes(name)) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        output += chunk;
        changed();
      });
    } else {
      stream.resume();
    }
  }
  const closed = new Promise<number | null>((resolve) => {
    child.once('close', (code, signal) => {
      ended = new Error(`the process ended (${signal ?? `exit code ${code}`})`);
      changed();
      resolve(code);
    });
    child.once('error', (error) => {
      ended ??= error;
      changed();
      // A process that never started emits no 'close'.
      if (child.pid === undefined) resolve(null);
    });
  });

  return {
    child,
    output: () => output,
    closed,
    waitFor(pattern, signal) {
      return new Promise<RegExpExecArray>((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          const failure = match ? undefined : signal?.aborted ? new Error(`the test gave up (${String(signal.reason)})`) : ended;
          if (!match && !failure) return;
          listeners.delete(check);
          signal?.removeEventListener('abort', check);
          if (match) resolve(match);
          else reject(new Error(`${failure!.message} before printing ${pattern}; it printed:\n${output}`, { cause: failure }));
        };
        listeners.add(check);
        signal?.addEventListener('abort', check);
        check();
      });
    },
    async stop(signal = 'SIGKILL') {
      if (child.pid !== undefined && !hasExited(child)) child.kill(signal);
      return closed;
    },
  };
}

/** Sends `signal` (SIGKILL unless told) unless the process has exited, and resolves once it has. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.pid === undefined || hasExited(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

// Starts a benchmark child (a bundled script run by plain `node`, as the built console runs its
// code, so tsx's loader is not counted in its memory) and waits for its one result.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ChildMessage } from './child-main';

export function forkChild(bundleDir: string, name: string, job: unknown, extraNodeArgs: string[] = []): ChildProcess {
  return fork(join(bundleDir, `${name}.mjs`), [JSON.stringify(job)], {
    execArgv: extraNodeArgs,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export interface RunChildOptions {
  timeoutMs?: number;
  nodeArgs?: string[];
  /** Called at each markPhase() of the child; the child waits until it settles. */
  onMark?: () => Promise<void>;
}

export function runChild<R>(bundleDir: string, name: string, job: unknown, options: RunChildOptions = {}): Promise<R> {
  const child = forkChild(bundleDir, name, job, options.nodeArgs);
  return new Promise<R>((resolve, reject) => {
    let message: ChildMessage<R> | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} took longer than ${Math.round((options.timeoutMs ?? 0) / 1000)} s and was stopped.`));
    }, options.timeoutMs ?? 300_000);
    child.on('message', (m) => {
      if ((m as { mark?: boolean }).mark === true) {
        void (options.onMark?.() ?? Promise.resolve()).finally(() => child.connected && child.send({ marked: true }));
        return;
      }
      message = m as ChildMessage<R>;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (message?.ok) resolve(message.result);
      else if (message) reject(new Error(`${name} failed: ${message.error}`));
      else reject(new Error(`${name} exited (${signal ?? `code ${code}`}) without a result.`));
    });
  });
}

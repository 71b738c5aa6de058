// Starts and stops the local MESH server child.
import { forkChild } from './child-runner';
import type { ServerJob, ServerMessage } from './mesh-server-child';

export interface ServerProcess {
  url: string;
  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** Closes the server; its own peak memory (MB). */
  stop(): Promise<number>;
}

export function startServerProcess(bundleDir: string, job: ServerJob): Promise<ServerProcess> {
  const child = forkChild(bundleDir, 'mesh-server-child', job);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The local MESH server exited (code ${code}) before it was ready.`)));
    child.on('message', (raw) => {
      const message = raw as ServerMessage;
      if (message.kind === 'failed') reject(new Error(`The local MESH server did not start: ${message.error}`));
      if (message.kind !== 'ready') return;
      child.removeAllListeners('exit');
      resolve({
        url: message.url,
        cpuMs: () =>
          new Promise<number>((done) => {
            const answer = (m: unknown) => {
              if ((m as ServerMessage).kind !== 'usage') return;
              child.off('message', answer);
              done((m as { cpuMs: number }).cpuMs);
            };
            child.on('message', answer);
            child.send({ kind: 'usage' });
          }),
        stop: () =>
          new Promise<number>((done) => {
            let peak = 0;
            child.on('message', (m) => {
              if ((m as ServerMessage).kind === 'stopped') peak = (m as { maxRssMb: number }).maxRssMb;
            });
            child.once('exit', () => done(peak));
            child.send({ kind: 'stop' });
          }),
      });
    });
  });
}

// Commands that run until stopped (Ctrl+C): the local MESH server (and, in jobs-command.ts, the scheduler).
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { startMeshServer } from '../sandbox';
import { listenHost, listenProblem } from './listen-address';
import { reportError, exitCodeFor } from './context';
import { EXIT_OK, UsageError } from './exit-codes';
import { createOutput } from './output';
import type { Run } from './command-groups';

/**
 * Resolves on Ctrl+C or SIGTERM. Holds the process open meanwhile: the scheduler's timers do
 * not (they are unref'd, so the app can quit), and without this `mesh-console jobs` ended
 * after a second with nothing waiting on the event loop.
 */
export function untilStopped(): Promise<NodeJS.Signals> {
  return listenForStop().stopped;
}

/**
 * Starts listening for Ctrl+C and SIGTERM at once, so that a signal arriving while a long
 * start-up is still under way (the scheduler may already be running a job) is not the
 * default one that kills the process. `dispose` stops listening and lets the process end.
 */
export function listenForStop(): { stopped: Promise<NodeJS.Signals>; dispose(): void } {
  const keepAlive = setInterval(() => undefined, 2 ** 31 - 1);
  let dispose = () => undefined as void;
  const stopped = new Promise<NodeJS.Signals>((done) => {
    const stop = (signal: NodeJS.Signals) => {
      dispose();
      done(signal);
    };
    dispose = () => {
      clearInterval(keepAlive);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return { stopped, dispose };
}

export function addSandboxCommand(program: Command, run: Run): void {
  program
    .command('sandbox')
    .description('run a local MESH server (not NHS MESH) until stopped')
    .option('--port <n>', 'port to listen on', '8700')
    .option('--http', 'plain HTTP instead of HTTPS')
    .option('--data <dir>', 'keep messages here (default: in memory)')
    .option('--client-ca <file>', 'require client certificates signed by this CA (PEM)')
    .option(
      '--strict',
      'enforce what NHS MESH does and the official sandbox does not: single-use tokens, the 2-hour token window, ' +
        'registered workflows, every chunk, the 5-day expiry, no download after acknowledgement',
    )
    .option(
      '--host <address>',
      'the address to listen on: 127.0.0.1 (default, this machine only), one of its addresses, or 0.0.0.0 for all',
    )
    .option('--admin-from-anywhere', 'serve the admin routes (no auth) to other machines too; by default only to this one')
    .action(
      (options: {
        port: string;
        host?: string;
        http?: boolean;
        data?: string;
        clientCa?: string;
        strict?: boolean;
        adminFromAnywhere?: boolean;
      }) =>
        run(
          (async () => {
            const out = createOutput(false);
            try {
              const port = Number(options.port);
              if (!Number.isInteger(port) || port < 0 || port > 65535)
                throw new UsageError(`--port must be a port number from 0 to 65535, not "${options.port}".`);
              let clientCa: string | undefined;
              if (options.clientCa) {
                try {
                  clientCa = readFileSync(options.clientCa, 'utf8');
                } catch {
                  throw new UsageError(`The client CA file ${options.clientCa} cannot be read; give the path of a PEM file.`);
                }
              }
              const host = listenHost(options.host);
              const server = await startMeshServer({
                port,
                host,
                ...(options.http ? { http: true } : {}),
                ...(options.data ? { dataDir: resolve(options.data) } : {}),
                ...(clientCa ? { clientCa } : {}),
                ...(options.strict ? { strict: true } : {}),
                ...(options.adminFromAnywhere ? { adminFromAnywhere: true } : {}),
                log: (line) => out.note(line),
              }).catch((error: unknown) => {
                throw listenProblem(error, host, port);
              });
              let caHint = '';
              if (server.serverCertificatePem) {
                const certPath = options.data
                  ? join(resolve(options.data), 'tls', 'server-cert.pem')
                  : join(await mkdtemp(join(tmpdir(), 'mesh-sandbox-')), 'server-cert.pem');
                if (!options.data) await writeFile(certPath, server.serverCertificatePem);
                caHint = ` MESH_CA_BUNDLE=${certPath}`;
              }
              out.note(`Local MESH server (a sandbox, not NHS MESH) listening on ${server.url}`);
              if (server.certificateRemadeFor)
                out.note(
                  `Its certificate was made again to name ${server.certificateRemadeFor.join(', ')} too: ` +
                    'clients that trusted the old one must be given the new one (MESH_CA_BUNDLE below).',
                );
              out.note('Mailboxes X26ABC1, X26ABC2, X26ABC3, password "password", shared key TestKey.');
              if (options.strict) out.note('Strict: the checks NHS MESH makes and the official sandbox does not are on.');
              out.note('From another terminal:');
              out.note(`  export MESH_ENV=local MESH_BASE_URL=${server.url}${caHint} MESH_MAILBOX=X26ABC1`);
              if (clientCa) out.note('  and MESH_CERT / MESH_KEY for a client certificate signed by the CA you gave.');
              out.note('Stop with Ctrl+C.');
              await untilStopped();
              await server.close();
              return EXIT_OK;
            } catch (error) {
              reportError(out, error);
              return exitCodeFor(error);
            }
          })(),
        ),
    );
}

// A `mesh-console sandbox` process in a fresh temp folder, requiring client certificates signed by
// a test CA, and what a test needs to point `mesh-console` processes at it.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPki, type TestPki } from '../support/pki';
import { sandboxAdmin, startSandboxProcess, stopProcess } from './cli-support';

export interface MutualTlsSandbox {
  /** The temp folder: the sandbox's data in `sandbox/`, each mailbox's console data in `data-<mailbox>/`. */
  dir: string;
  url: string;
  pki: TestPki;
  child: ChildProcess;
  /** `mesh-console`'s environment for `mailbox`: this sandbox, its certificate, the client identity, the mailbox's data folder. */
  env(mailbox: string, extra?: Record<string, string>): Record<string, string>;
  /** An admin call, over the same mutual TLS. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }>;
  /** Stops the sandbox (SIGINT lets it flush its data; SIGKILL does not wait for requests it still holds), then removes the folder. */
  close(signal?: NodeJS.Signals): Promise<void>;
}

/** Strict, as startSandboxProcess is by default. */
export async function startMutualTlsSandbox(prefix: string): Promise<MutualTlsSandbox> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    const pki = await testPki();
    await writeFile(join(dir, 'client-ca.pem'), pki.ca.certificatePem);
    const started = await startSandboxProcess(['--port', '0', '--data', join(dir, 'sandbox'), '--client-ca', join(dir, 'client-ca.pem')]);
    const serverCert = join(dir, 'sandbox', 'tls', 'server-cert.pem');
    return {
      dir,
      url: started.url,
      pki,
      child: started.child,
      env: (mailbox, extra = {}) => ({
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        MESH_ENV: 'local',
        MESH_BASE_URL: started.url,
        MESH_CA_BUNDLE: serverCert,
        MESH_MAILBOX: mailbox,
        MESH_CERT: pki.client.certificatePem,
        MESH_KEY: pki.client.privateKeyPem,
        MESH_DATA_DIR: join(dir, `data-${mailbox}`),
        ...extra,
      }),
      admin: async (method, path, body) =>
        sandboxAdmin(
          started.url,
          { ca: await readFile(serverCert, 'utf8'), cert: pki.client.certificatePem, key: pki.client.privateKeyPem },
          method,
          path,
          body,
        ),
      async close(signal = 'SIGINT') {
        await stopProcess(started.child, signal);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

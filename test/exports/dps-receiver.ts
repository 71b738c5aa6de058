// A separate local MESH server process (`mesh-console sandbox`) and what its DPS mailbox got,
// counted record by record: each file downloaded, each row's UNIQUE_ID read.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { MeshClient } from '../../main/mesh';
import { startSandboxProcess } from '../cli/cli-support';
import { downloadedText } from '../support/download';

export interface SandboxProcess {
  url: string;
  caPem: string;
  child: ChildProcess;
  /** The environment a console needs to use this server as X26ABC1, with DPS at X26ABC2. */
  consoleEnv(dataDir: string): Record<string, string>;
  client(mailbox: string): MeshClient;
  stop(): Promise<void>;
}

export async function startSandbox(dataDir: string): Promise<SandboxProcess> {
  const started = await startSandboxProcess(['--port', '0', '--data', dataDir]);
  const caPath = join(dataDir, 'tls', 'server-cert.pem');
  const caPem = await readFile(caPath, 'utf8');
  return {
    url: started.url,
    caPem,
    child: started.child,
    consoleEnv: (consoleDataDir) => ({
      MESH_DATA_DIR: consoleDataDir,
      MESH_ENV: 'local',
      MESH_BASE_URL: started.url,
      MESH_CA_BUNDLE: caPath,
      MESH_MAILBOX: 'X26ABC1',
      MESH_DPS_MAILBOX: 'X26ABC2',
      MESH_PASSWORD: 'password',
      MESH_SHARED_KEY: 'TestKey',
    }),
    client: (mailbox) => new MeshClient({ baseUrl: started.url, mailbox, password: 'password', sharedKey: 'TestKey', caPem }),
    stop: async () => {
      if (started.child.exitCode !== null || started.child.signalCode !== null) return;
      const exited = new Promise((resolve) => started.child.once('exit', resolve));
      started.child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Every record id DPS received, with how many times, read from each file in its inbox. */
export async function receivedRecordIds(dps: MeshClient): Promise<{ times: Map<string, number>; messageIds: string[] }> {
  const times = new Map<string, number>();
  const messageIds = await dps.inboxAll({ workflowFilter: 'dps export' });
  for (const messageId of messageIds) {
    const [, ...rows] = (await downloadedText(dps, messageId)).trimEnd().split('\n');
    for (const row of rows) {
      const id = row.split('"|"')[9]!;
      times.set(id, (times.get(id) ?? 0) + 1);
    }
  }
  return { times, messageIds };
}

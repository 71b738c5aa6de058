// What the folder tests share: a console data folder beside a local MESH server in its own
// process, the mailbox folders, and a pass as X26ABC1 with real stores.
import { request } from 'node:https';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FolderSettings } from '../../main/domain';
import { runFolderPass, type FolderPassDeps } from '../../main/folders/folder-pass';
import type { MeshClient } from '../../main/mesh';
import { SentStore } from '../../main/store/sent-store';
import type { SandboxProcess } from '../exports/dps-receiver';

export function foldersIn(dir: string, extra: Partial<FolderSettings> = {}): FolderSettings {
  return {
    out: join(dir, 'OUT'),
    in: join(dir, 'IN'),
    sent: join(dir, 'SENT'),
    failed: join(dir, 'FAILED'),
    layout: 'java',
    ...extra,
  };
}

export async function makeFolders(folders: FolderSettings): Promise<void> {
  for (const d of [folders.out, folders.in, folders.sent, folders.failed]) await mkdir(d, { recursive: true });
}

/** A pass as X26ABC1; `settle` defaults to nothing (each test says what happens between the looks). */
export async function pass(
  sandbox: SandboxProcess,
  dataDir: string,
  folders: FolderSettings,
  extra: Partial<FolderPassDeps> = {},
): ReturnType<typeof runFolderPass> {
  const client = sandbox.client('X26ABC1');
  try {
    return await runFolderPass({
      client: async () => client,
      dataDir,
      stores: { audit: { append: () => undefined }, sent: await SentStore.open(dataDir) },
      folders,
      settle: async () => undefined,
      ...extra,
    });
  } finally {
    await client.close();
  }
}

export async function list(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
}

/** POSTs to the local server's admin routes. */
export function admin(sandbox: SandboxProcess, path: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, sandbox.url),
      { method: 'POST', ca: sandbox.caPem, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

export async function inboxOf(client: MeshClient): Promise<string[]> {
  return client.inboxAll();
}

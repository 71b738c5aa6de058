// The app (its service) follows profiles changed by another process: a profile removed with
// `mesh-console profile remove` has its background jobs stopped, one added with its jobs on has
// them started. The real service and the real command line against the real local MESH server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleEvent } from '../../main/domain';
import { createConsoleService } from '../../main/app/service';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { cli } from '../cli/cli-support';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { addSandboxProfile } from './profile-support';

let dir: string;
let dataDir: string;
let sandbox: SandboxProcess;

async function addProfile(name: string, mailbox: string, jobs: boolean): Promise<void> {
  await addSandboxProfile(sandbox, dataDir, name, mailbox);
  if (!jobs) return;
  const path = join(dataDir, 'profiles', name, 'settings.json');
  await writeFile(path, JSON.stringify({ ...(JSON.parse(await readFile(path, 'utf8')) as object), mesh_jobs: true }));
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-console-app-follows-'));
  dataDir = join(dir, 'data');
  sandbox = await startSandbox(join(dir, 'mesh'));
});

after(async () => {
  await sandbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the service stops the jobs of a profile removed by `mesh-console profile remove` and starts those of one added', async () => {
  await addProfile('first', 'X26ABC1', false);
  await addProfile('second', 'X26ABC2', true);
  const service = await createConsoleService({
    dataDir,
    profile: 'first',
    env: {},
    ports: { dialogs: scriptedDialogs(), secrets: FileKeyEncryptor.inDataDir(dataDir) },
    seedDemoData: false,
  });
  const notices: string[] = [];
  const waiters: { pattern: RegExp; done: () => void }[] = [];
  service.subscribe((event: ConsoleEvent) => {
    if (event.type !== 'notice') return;
    notices.push(event.text);
    for (const waiter of waiters.filter((w) => w.pattern.test(event.text))) waiter.done();
  });
  const noticeMatching = (pattern: RegExp) =>
    notices.some((text) => pattern.test(text)) ? Promise.resolve() : new Promise<void>((done) => waiters.push({ pattern, done }));
  try {
    const removed = noticeMatching(/^Profile second was removed elsewhere, so its scheduled jobs stopped\.$/);
    const removing = await cli(['profile', 'remove', 'second'], { MESH_DATA_DIR: dataDir });
    assert.equal(removing.code, 0, removing.stderr);
    await removed;

    const started = noticeMatching(/^The scheduled jobs of profile third started\.$/);
    await addProfile('third', 'X26ABC3', true);
    await started;
    assert.deepEqual(
      (await service.profiles()).profiles.map((p) => p.name),
      ['local', 'first', 'third'],
    );
  } finally {
    await service.close();
  }
});

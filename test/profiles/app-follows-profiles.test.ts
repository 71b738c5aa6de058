// The app (its service) follows profiles changed by another process: a profile removed with
// `mesh-console profile remove` has its background jobs stopped, one added with its jobs on has
// them started. The real service and the real command line against the real local MESH server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleEvent } from '../../main/domain';
import { cli } from '../cli/cli-support';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';
import { serviceOnProfile } from './profile-service';
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
  const service = await serviceOnProfile(dataDir, 'first');
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

test('the profile on screen removed by `mesh-console profile remove`: the service shows the current one instead, and says so', async () => {
  const ownData = join(dir, 'data-on-screen-removed');
  await addSandboxProfile(sandbox, ownData, 'first', 'X26ABC1');
  await addSandboxProfile(sandbox, ownData, 'second', 'X26ABC2');
  const service = await serviceOnProfile(ownData, 'first');
  const switched = new Promise<ConsoleEvent>((resolve) =>
    service.subscribe((event) => {
      if (event.type === 'profile-switched') resolve(event);
    }),
  );
  const notices: string[] = [];
  service.subscribe((event) => {
    if (event.type === 'notice') notices.push(event.text);
  });
  try {
    assert.equal(service.runtime.dataDir, join(ownData, 'profiles', 'first'));
    // Another process makes second the current profile, then removes the one on screen.
    for (const args of [
      ['profile', 'use', 'second'],
      ['profile', 'remove', 'first'],
    ]) {
      const result = await cli(args, { MESH_DATA_DIR: ownData });
      assert.equal(result.code, 0, result.stderr);
    }
    const text = 'Profile first was removed elsewhere; now showing second.';
    assert.deepEqual(await switched, { type: 'profile-switched', profile: 'second', notice: text });
    assert.ok(notices.includes(text), notices.join('\n'));
    assert.equal(service.runtime.dataDir, join(ownData, 'profiles', 'second'), 'the operations are those of second');
    const view = await service.profiles();
    assert.equal(view.current, 'second');
    assert.deepEqual(
      view.profiles.map((p) => [p.name, p.current]),
      [
        ['local', false],
        ['second', true],
      ],
    );
    assert.equal((await service.overview()).mailbox, 'X26ABC2');
  } finally {
    await service.close();
  }
});

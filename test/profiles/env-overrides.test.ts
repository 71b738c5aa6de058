// The MESH_* variables override the mailbox in use: the profile on screen, also after a switch,
// never a profile left in the background; the Profiles view names the variables that do it.
// The real service against the real local MESH server, profiles added by the real command line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleService } from '../../main/app/service';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { addSandboxProfile } from './profile-support';

let dir: string;
let dataDir: string;
let sandbox: SandboxProcess;

async function addProfile(name: string, mailbox: string): Promise<void> {
  await addSandboxProfile(sandbox, dataDir, name, mailbox);
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-console-env-overrides-'));
  dataDir = join(dir, 'data');
  sandbox = await startSandbox(join(dir, 'mesh'));
});

after(async () => {
  await sandbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('MESH_* variables override the profile on screen after a switch too, and the Profiles view says which', async () => {
  await addProfile('first', 'X26ABC2');
  await addProfile('second', 'X26ABC3');
  const env = { MESH_MAILBOX: 'X26ABC1', MESH_PASSWORD: 'password', MESH_SHARED_KEY: 'TestKey' };
  const service = await createConsoleService({
    dataDir,
    profile: 'first',
    env,
    ports: { dialogs: scriptedDialogs(), secrets: FileKeyEncryptor.inDataDir(dataDir) },
    seedDemoData: false,
    startScheduler: false,
  });
  try {
    assert.equal(service.runtime.settings.mailbox, 'X26ABC1');
    const switched = await service.switchProfile('second');
    assert.equal(service.runtime.settings.mailbox, 'X26ABC1', 'the variables follow the profile on screen');
    const validated = await service.validateMailbox();
    assert.equal(validated.ok, true, validated.error);
    assert.equal(validated.mailbox, 'X26ABC1');

    const second = switched.profiles.find((p) => p.name === 'second')!;
    const first = switched.profiles.find((p) => p.name === 'first')!;
    assert.deepEqual(second.overriddenBy, ['MESH_MAILBOX', 'MESH_PASSWORD', 'MESH_SHARED_KEY']);
    assert.equal(second.mailbox, 'X26ABC1');
    assert.equal(first.overriddenBy, undefined, 'a profile not on screen keeps its stored settings');
    assert.equal(first.mailbox, 'X26ABC2');
  } finally {
    await service.close();
  }
});

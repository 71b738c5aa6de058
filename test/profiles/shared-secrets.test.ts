// One secret store for the app and the command line: a secret set with `mesh-console secret set`
// is used by the service (what the app runs), also one set while it runs, one set through the service's Settings operation
// is used by the command line, and one an earlier app stored through another encryptor (its
// safeStorage) is taken over at the app's start so the command line can use it too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleService } from '../../main/app/service';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { SecretsVault } from '../../main/settings/secrets-vault';
import { cli } from '../cli/cli-support';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { addSandboxProfile } from './profile-support';

let dir: string;
let dataDir: string;
let sandbox: SandboxProcess;

async function addProfile(name: string, mailbox: string): Promise<void> {
  await addSandboxProfile(sandbox, dataDir, name, mailbox);
}

function openService(profile: string, legacySecrets?: FileKeyEncryptor) {
  return createConsoleService({
    dataDir,
    profile,
    env: {},
    ports: { dialogs: scriptedDialogs(), secrets: FileKeyEncryptor.inDataDir(dataDir), ...(legacySecrets ? { legacySecrets } : {}) },
    seedDemoData: false,
    startScheduler: false,
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-console-shared-secrets-'));
  dataDir = join(dir, 'data');
  sandbox = await startSandbox(join(dir, 'mesh'));
});

after(async () => {
  await sandbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('a secret set with `mesh-console secret set` is used by the service', async () => {
  await addProfile('cli-set', 'X26ABC2');
  const env = { MESH_DATA_DIR: dataDir, MESH_PROFILE: 'cli-set' };
  assert.equal((await cli(['validate'], env)).code, 1, 'no secrets yet: MESH refuses');
  assert.equal((await cli(['secret', 'set', 'password'], env, 'password\n')).code, 0);
  assert.equal((await cli(['secret', 'set', 'shared-key'], env, 'TestKey\n')).code, 0);
  const service = await openService('cli-set');
  try {
    const result = await service.validateMailbox();
    assert.equal(result.ok, true, result.error);
    assert.equal(result.mailbox, 'X26ABC2');
  } finally {
    await service.close();
  }
});

test('a secret set with `mesh-console secret set` while the service runs is used from its next connection', async () => {
  await addProfile('while-open', 'X26ABC3');
  const service = await openService('while-open');
  try {
    const refused = await service.validateMailbox();
    assert.equal(refused.ok, false, 'no secrets yet: MESH refuses');
    const env = { MESH_DATA_DIR: dataDir, MESH_PROFILE: 'while-open' };
    assert.equal((await cli(['secret', 'set', 'password'], env, 'password\n')).code, 0);
    assert.equal((await cli(['secret', 'set', 'shared-key'], env, 'TestKey\n')).code, 0);
    const result = await service.validateMailbox();
    assert.equal(result.ok, true, result.error);
    assert.equal(result.mailbox, 'X26ABC3');
  } finally {
    await service.close();
  }
});

test('a secret set through the service is used by `mesh-console`', async () => {
  await addProfile('app-set', 'X26ABC3');
  const service = await openService('app-set');
  try {
    await service.setSecret('password', 'password');
    await service.setSecret('sharedKey', 'TestKey');
  } finally {
    await service.close();
  }
  const validated = await cli(['validate', '--profile', 'app-set'], { MESH_DATA_DIR: dataDir });
  assert.equal(validated.code, 0, validated.stderr);
  assert.match(validated.stdout, /X26ABC3 is valid/);
});

test("secrets an earlier app stored with its own encryption are taken over at the app's start", async () => {
  await addProfile('earlier', 'X26ABC1');
  // Stands in for Electron's safeStorage: a key the command line does not have.
  const earlierApp = new FileKeyEncryptor(join(dir, 'keyring-of-the-earlier-app.key'));
  const vault = await SecretsVault.open(join(dataDir, 'profiles', 'earlier'), earlierApp);
  await vault.set('password', 'password', { plaintextAccepted: false });
  await vault.set('sharedKey', 'TestKey', { plaintextAccepted: false });
  const env = { MESH_DATA_DIR: dataDir, MESH_PROFILE: 'earlier' };
  const before = await cli(['validate'], env);
  assert.notEqual(before.code, 0);
  assert.match(before.stderr, /cannot be decrypted with .*secrets\.key/);

  const service = await openService('earlier', earlierApp);
  try {
    assert.equal((await service.validateMailbox()).ok, true);
  } finally {
    await service.close();
  }
  const after = await cli(['validate'], env);
  assert.equal(after.code, 0, after.stderr);
});

// The profile list in a real data folder: first start, names, rename, switch, removal that keeps
// or deletes a profile's data, and changes from two processes' worth of callers at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addProfile, chooseProfile, openProfiles, removeProfile, renameProfile, useProfile } from '../../main/profiles/profiles';
import { duplicateSettingsFile, envForProfile, writeProfileSettings } from '../../main/profiles/profile-settings';
import { readSettingsFile } from '../../main/settings/settings-file';

async function withDataDir(body: (dataDir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-profile-list-'));
  try {
    await body(join(dir, 'data'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const settingsFor = (mailbox: string) => (folder: string) => writeProfileSettings(folder, { environment: 'integration', mailbox }, {});

test('a fresh data folder is one profile, "local", at its top', () =>
  withDataDir(async (dataDir) => {
    const list = await openProfiles(dataDir);
    assert.deepEqual(
      list.profiles.map((p) => [p.name, p.dir]),
      [['local', dataDir]],
    );
    assert.equal(JSON.parse(await readFile(join(dataDir, 'profiles.json'), 'utf8')).current, 'local');
  }));

test('rename keeps the folder; use switches; remove keeps the data unless asked, and never deletes the first', () =>
  withDataDir(async (dataDir) => {
    await addProfile(dataDir, 'integration', settingsFor('X26ABC1'));
    let list = await addProfile(dataDir, 'prod', settingsFor('X26ABC2'), { makeCurrent: true });
    assert.equal(list.current, 'prod');
    const prodDir = chooseProfile(list).dir;
    await writeFile(join(prodDir, 'records.json'), '{"records":[]}');

    list = await renameProfile(dataDir, 'PROD', 'production');
    assert.equal(list.current, 'production');
    assert.equal(chooseProfile(list).dir, prodDir, 'the folder did not move');
    await assert.rejects(renameProfile(dataDir, 'integration', 'Production'), /already a profile called production/);
    await assert.rejects(addProfile(dataDir, 'Integration', settingsFor('X26ABC3')), /already a profile called integration/);

    list = await useProfile(dataDir, 'integration');
    assert.equal(chooseProfile(list).name, 'integration');
    assert.equal(chooseProfile(list, 'production').dir, prodDir);

    list = await removeProfile(dataDir, 'production');
    assert.ok(!list.profiles.some((p) => p.name === 'production'));
    assert.ok((await stat(join(prodDir, 'records.json'))).isFile(), 'its data stays');
    await assert.rejects(addProfile(dataDir, 'prod', settingsFor('X26ABC2')), /is kept from a profile removed earlier/);

    await assert.rejects(removeProfile(dataDir, 'local', { deleteData: true }), /is the data folder .* itself, so it is not deleted/);
    await removeProfile(dataDir, 'integration', { deleteData: true });
    await assert.rejects(stat(join(dataDir, 'profiles', 'integration')), /ENOENT/);
    await assert.rejects(removeProfile(dataDir, 'local'), /local is the only profile; add another before removing it/);
  }));

test('a profile whose settings are refused is not added, and leaves no folder', () =>
  withDataDir(async (dataDir) => {
    await assert.rejects(
      addProfile(dataDir, 'bad', (folder) => writeProfileSettings(folder, { environment: 'integration', mailbox: 'not a mailbox' }, {})),
      /not a MESH mailbox id/,
    );
    const list = await openProfiles(dataDir);
    assert.deepEqual(
      list.profiles.map((p) => p.name),
      ['local'],
    );
    await assert.rejects(stat(join(dataDir, 'profiles', 'bad')), /ENOENT/);
  }));

test('profiles added at the same time are all kept (the list is changed under a lock)', () =>
  withDataDir(async (dataDir) => {
    await openProfiles(dataDir);
    const names = ['a1', 'a2', 'a3', 'a4', 'a5'];
    await Promise.all(names.map((name) => addProfile(dataDir, name, settingsFor('X26ABC1'))));
    const list = await openProfiles(dataDir);
    assert.deepEqual(list.profiles.map((p) => p.name).sort(), [...names, 'local'].sort());
  }));

test('a damaged profiles.json is a sentence, not a guess', () =>
  withDataDir(async (dataDir) => {
    await openProfiles(dataDir);
    await writeFile(join(dataDir, 'profiles.json'), '{"version":1,"current":"gone","profiles":[{"name":"x","folder":"."}]}');
    await assert.rejects(openProfiles(dataDir), /The profiles file .* is damaged; restore it from a backup/);
    await writeFile(join(dataDir, 'profiles.json'), '{"version":1,"current":"x","profiles":[{"name":"x","folder":"../elsewhere"}]}');
    await assert.rejects(openProfiles(dataDir), /is not one the console makes/);
  }));

test('a duplicate takes the connection, not the folders, inbound folder or jobs; MESH_* apply to the profile in use only', () =>
  withDataDir(async (dataDir) => {
    await writeProfileSettings(
      (await openProfiles(dataDir)).dataDir,
      {
        environment: 'integration',
        mailbox: 'X26ABC1',
        mesh_jobs: true,
        inbound_folder: 'drop',
        folders: { out: 'OUT', in: 'IN' },
      },
      {},
    );
    const copy = await duplicateSettingsFile(dataDir);
    assert.deepEqual(copy, { environment: 'integration', mailbox: 'X26ABC1' });
    assert.deepEqual(await readSettingsFile(dataDir).then((f) => f.mesh_jobs), true, 'the original is unchanged');

    const env = { MESH_MAILBOX: 'X26ABC9', MESH_PASSWORD: 'secret', MESH_LOCK_WAIT_SECONDS: '5' };
    assert.deepEqual(envForProfile(env, true), env);
    assert.deepEqual(envForProfile(env, false), { MESH_LOCK_WAIT_SECONDS: '5' });
  }));

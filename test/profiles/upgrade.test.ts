// A data folder made by the code before profiles (the core writing at the folder's top, as it
// always has: settings, secrets, records, an export history with its sent marks, the sent list)
// becomes the first profile at the first start of the command line: nothing moved, nothing
// lost, nothing sent again, and another profile added beside it does not disturb it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleRuntime } from '../../main/app/runtime';
import { generateDemoRecords } from '../../main/dps/demo-records';
import { runExports } from '../../main/exports/run';
import { sendFile } from '../../main/operations/send';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { cli } from '../cli/cli-support';
import { receivedRecordIds, startSandbox, type SandboxProcess } from '../exports/dps-receiver';

test('a data folder from before profiles becomes profile X26ABC1 as it is, and `dps-export` then sends nothing again', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-upgrade-'));
  const dataDir = join(dir, 'console');
  let sandbox: SandboxProcess | undefined;
  try {
    sandbox = await startSandbox(join(dir, 'mesh'));
    const connection = sandbox.consoleEnv(dataDir);
    // What an operator of the earlier version had: settings.json, secrets in the vault.
    const old = await ConsoleRuntime.open({
      env: {},
      dataDir,
      encryptor: FileKeyEncryptor.inDataDir(dataDir),
      seedDemoData: false,
    });
    try {
      await writeFile(
        join(dataDir, 'settings.json'),
        JSON.stringify({
          environment: 'local',
          base_url: connection.MESH_BASE_URL,
          ca_bundle: connection.MESH_CA_BUNDLE,
          mailbox: 'X26ABC1',
          dps_mailbox: 'X26ABC2',
        }),
      );
      await old.reloadSettings();
      await old.vault.set('password', 'password', { plaintextAccepted: false });
      await old.vault.set('sharedKey', 'TestKey', { plaintextAccepted: false });
      await old.stores.records.applyImport(generateDemoRecords(30, { seed: 7 }));
      const results = await runExports(old.exportContext());
      assert.ok(results.length > 0 && results.every((r) => r.status === 'accepted'), JSON.stringify(results));
      await writeFile(join(dir, 'letter.txt'), 'sent before the upgrade\n');
      const sent = await sendFile(old, { path: join(dir, 'letter.txt'), to: 'X26ABC2', workflowId: 'TEST_WORKFLOW' });
      assert.ok(sent.ok);
    } finally {
      await old.close();
    }
    const before = await readdir(dataDir);
    assert.ok(!before.includes('profiles.json'));
    const historyBefore = await readFile(join(dataDir, 'exports.json'), 'utf8');

    const env = { MESH_DATA_DIR: dataDir };
    const listed = await cli(['profile', 'list', '--json'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      (JSON.parse(listed.stdout) as { name: string; folder: string; current: boolean }[]).map((p) => [p.name, p.folder, p.current]),
      [['X26ABC1', dataDir, true]],
    );
    const after = await readdir(dataDir);
    assert.deepEqual(
      after.filter((name) => !before.includes(name)),
      ['profiles.json'],
      'only profiles.json is new; nothing was moved',
    );

    // The secrets set before still work, and the export history is the same.
    const validated = await cli(['validate'], env);
    assert.equal(validated.code, 0, validated.stderr);
    const exported = await cli(['dps-export', '--json'], env);
    assert.equal(exported.code, 0, exported.stderr);
    const again = JSON.parse(exported.stdout) as { recordCount: number; messageId?: string }[];
    assert.deepEqual(
      again.filter((r) => r.recordCount > 0 || r.messageId),
      [],
      'every record had gone: nothing is sent again',
    );
    assert.deepEqual(JSON.parse((await cli(['records', '--unsent', '--json'], env)).stdout), []);
    assert.equal(await readFile(join(dataDir, 'exports.json'), 'utf8'), historyBefore);

    // Another profile beside it, made current: the first keeps its history under --profile.
    const added = await cli(
      ['profile', 'add', 'second', '--environment', 'local', '--base-url', connection.MESH_BASE_URL!, '--mailbox', 'X26ABC3', '--use'],
      env,
    );
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(JSON.parse((await cli(['exports', '--json'], env)).stdout), []);
    const first = JSON.parse((await cli(['exports', '--json', '--profile', 'X26ABC1'], env)).stdout) as unknown[];
    assert.equal(first.length, JSON.parse(historyBefore).exports.length);

    // DPS had each record once.
    const dps = sandbox.client('X26ABC2');
    const { times } = await receivedRecordIds(dps);
    await dps.close();
    assert.ok(times.size > 0);
    assert.deepEqual([...new Set(times.values())], [1]);
  } finally {
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

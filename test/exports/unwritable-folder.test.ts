// A data folder that cannot be written (a read-only disk, a full disk): a message MESH accepted is
// reported with its id, and the failure to record it is a second sentence; an export that cannot
// record its claim sends nothing. One sentence each, no stack trace, no temporary file left.
// Real disks: small tmpfs mounts (the test needs root, as CI and these machines have).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoRecords } from '../../main/dps/demo-records';
import type { VaccinationRecord } from '../../main/dps/record';
import { openStores } from '../../main/store/open-stores';
import { BIN, cli } from '../cli/cli-support';
import { receivedRecordIds, startSandbox, type SandboxProcess } from './dps-receiver';

const STACK_TRACE = /\n\s+at .+:\d+:\d+|Error: E[A-Z]+:/;

function mount(args: string[]): void {
  execFileSync('mount', args, { stdio: 'pipe' });
}

const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
const skip = canMount ? false : 'mounting a small disk needs root and mount(8); run the suite as root (CI does)';

async function tmpfsFolder(dir: string, size: string): Promise<string> {
  const folder = join(dir, 'console');
  await mkdir(folder, { recursive: true });
  mount(['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', folder]);
  return folder;
}

async function tempFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((name) => String(name).endsWith('.tmp')).map(String);
}

test('a read-only data folder: send prints the message id and says it could not record it; an export sends nothing', { skip }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-readonly-'));
  let dataDir: string | undefined;
  let sandbox: SandboxProcess | undefined;
  try {
    sandbox = await startSandbox(join(dir, 'mesh'));
    dataDir = await tmpfsFolder(dir, '8m');
    const env = sandbox.consoleEnv(dataDir);
    const stores = await openStores<VaccinationRecord>(dataDir);
    await stores.records.applyImport(generateDemoRecords(20, { seed: 21 }));
    await stores.close();
    const file = join(dir, 'letter.txt');
    await writeFile(file, 'hello DPS\n');
    mount(['-o', 'remount,ro', dataDir]);

    const sent = await cli(['send', 'X26ABC2', file], env);
    assert.equal(sent.code, 0, sent.stderr);
    const messageId = sent.stdout.trim();
    assert.match(messageId, /^\S+$/, 'the message id, on stdout');
    assert.match(
      sent.stderr,
      new RegExp(
        `Sent as ${messageId}, but the console could not record it in its sent list: the data folder \\S+ is on a ` +
          `read-only disk.*Do not send it again\\.`,
      ),
    );
    assert.doesNotMatch(sent.stderr, STACK_TRACE);
    const dps = sandbox.client('X26ABC2');
    assert.deepEqual(await dps.inboxAll(), [messageId], 'MESH has it');

    const exported = await cli(['dps-export'], env);
    assert.equal(exported.code, 1);
    assert.match(exported.stderr, /the data folder \S+ is on a read-only disk/);
    assert.doesNotMatch(exported.stderr, STACK_TRACE);
    assert.deepEqual(await dps.inboxAll({ workflowFilter: 'dps export' }), [], 'the export sent nothing');
    await dps.close();
  } finally {
    if (dataDir) execFileSync('umount', [dataDir], { stdio: 'pipe' });
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test(
  'a full disk: the message id is still printed, an export sends nothing, no temporary file is left, and once ' +
    'there is space every record goes once',
  { skip },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-console-full-'));
    let dataDir: string | undefined;
    let sandbox: SandboxProcess | undefined;
    try {
      sandbox = await startSandbox(join(dir, 'mesh'));
      dataDir = await tmpfsFolder(dir, '4m');
      const env = sandbox.consoleEnv(dataDir);
      const records = generateDemoRecords(40, { seed: 31 });
      const stores = await openStores<VaccinationRecord>(dataDir);
      await stores.records.applyImport(records);
      await stores.close();
      const filler = join(dataDir, 'filler');
      await writeFile(filler, '');
      // Fill the disk to the last block.
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'pipe' });
      } catch {
        // dd ends with "No space left on device": that is the point.
      }
      const file = join(dir, 'letter.txt');
      await writeFile(file, 'hello again\n');

      const sent = await cli(['send', 'X26ABC2', file], env);
      assert.equal(sent.code, 0, sent.stderr);
      const messageId = sent.stdout.trim();
      assert.match(
        sent.stderr,
        new RegExp(
          `Sent as ${messageId}, but the console could not record it in its sent list: the disk holding the data folder \\S+ is full`,
        ),
      );
      assert.doesNotMatch(sent.stderr, STACK_TRACE);

      const exported = await cli(['dps-export'], env);
      assert.equal(exported.code, 1);
      assert.match(exported.stderr, /the disk holding the data folder \S+ is full/);
      assert.doesNotMatch(exported.stderr, STACK_TRACE);
      const dps = sandbox.client('X26ABC2');
      assert.deepEqual(await dps.inboxAll({ workflowFilter: 'dps export' }), [], 'the export sent nothing');
      assert.deepEqual(await tempFiles(dataDir), [], 'no temporary file left');

      await rm(filler);
      const again = await cli(['dps-export'], env);
      assert.equal(again.code, 0, again.stderr);
      const { times } = await receivedRecordIds(dps);
      await dps.close();
      const administered = records.filter((r) => r.outcome === 'administered').map((r) => r.record_id);
      assert.deepEqual(
        administered.filter((id) => times.get(id) !== 1),
        [],
      );
      assert.equal(times.size, administered.length);
    } finally {
      if (dataDir) execFileSync('umount', [dataDir], { stdio: 'pipe' });
      await sandbox?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
);

test(
  "every store file holding patient data is its owner's only, and files an older version left open are narrowed",
  { skip: process.platform === 'win32' ? 'no mode bits on Windows' : false },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-console-modes-'));
    let sandbox: SandboxProcess | undefined;
    try {
      sandbox = await startSandbox(join(dir, 'mesh'));
      const dataDir = join(dir, 'console');
      const env = sandbox.consoleEnv(dataDir);
      const stores = await openStores<VaccinationRecord>(dataDir);
      await stores.records.applyImport(generateDemoRecords(12, { seed: 41 }));
      await stores.close();
      assert.equal((await cli(['dps-export'], env)).code, 0);
      assert.equal((await cli(['send', 'X26ABC2', join(dataDir, 'records.json')], env)).code, 0);
      const files = [
        'records.json',
        'exports.json',
        'audit.jsonl',
        'sent.json',
        ...(await readdir(join(dataDir, 'exports'))).map((name) => join('exports', name)),
      ];
      for (const name of files) assert.equal((await stat(join(dataDir, name))).mode & 0o777, 0o600, `${name} is 0600`);

      for (const name of ['records.json', 'exports.json', 'audit.jsonl']) await chmod(join(dataDir, name), 0o644);
      assert.equal((await cli(['exports'], env)).code, 0);
      for (const name of ['records.json', 'exports.json', 'audit.jsonl'])
        assert.equal((await stat(join(dataDir, name))).mode & 0o777, 0o600, `${name} narrowed to 0600`);
    } finally {
      await sandbox?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
);

const canSwitchUser =
  process.getuid?.() === 0 &&
  (() => {
    try {
      execFileSync('setpriv', ['--version'], { stdio: 'pipe' });
      return true;
    } catch {
      return false;
    }
  })();

test(
  'a data folder of another user: one sentence, exit 2, no stack trace',
  { skip: canSwitchUser ? false : 'needs root and setpriv(1) to run the command as another user' },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-console-other-user-'));
    try {
      await chmod(dir, 0o755);
      const dataDir = join(dir, 'data');
      const stores = await openStores<VaccinationRecord>(dataDir);
      await stores.records.applyImport(generateDemoRecords(3, { seed: 51 }));
      await stores.close();
      await chmod(dataDir, 0o700);
      const run = (args: string[]) =>
        spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], {
          env: { PATH: process.env.PATH, HOME: dir, MESH_DATA_DIR: dataDir },
          encoding: 'utf8',
        });
      for (const args of [['exports'], ['dps-export'], ['import', join(dir, 'none.csv')]]) {
        const result = run(args);
        assert.equal(result.status, 2, `${args[0]}: ${result.stderr}`);
        assert.match(
          result.stderr,
          new RegExp(
            `The data folder ${dataDir} belongs to another user \\(uid 0\\), so the console cannot read or keep its records there`,
          ),
        );
        assert.doesNotMatch(result.stderr, STACK_TRACE);
        assert.equal(result.stderr.trim().split('\n').length, 1, 'one sentence');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

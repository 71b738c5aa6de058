// `mesh-console jobs` keeps the mailbox folders: what waits in the inbox is received at start,
// and a file dropped into OUT afterwards is sent without waiting for a schedule.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MeshClient } from '../../main/mesh';
import { BIN, cli, watchProcess, type WatchedProcess } from '../cli/cli-support';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';
import { list } from './folder-support';

let root: string;
let sandbox: SandboxProcess;
let x2: MeshClient;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mesh-console-jobs-folders-'));
  sandbox = await startSandbox(join(root, 'mesh'));
  x2 = sandbox.client('X26ABC2');
});

after(async () => {
  await x2?.close();
  await sandbox?.stop();
  await rm(root, { recursive: true, force: true });
});

test('`mesh-console jobs` receives into IN at start and sends a file dropped into OUT promptly', async (t) => {
  const env = sandbox.consoleEnv(join(root, 'data'));
  await mkdir(join(root, 'data'), { recursive: true });
  const m = join(root, 'mailbox');
  const set = await cli(
    [
      'folders',
      'set',
      '--out',
      join(m, 'OUT'),
      '--in',
      join(m, 'IN'),
      '--workflow',
      'TEST_WORKFLOW_ACK',
      '--to',
      'X26ABC2',
      '--send-workflow',
      'TEST_WORKFLOW',
    ],
    env,
  );
  assert.equal(set.code, 0, set.stderr);
  const { messageId } = await x2.send({ to: 'X26ABC1', workflowId: 'TEST_WORKFLOW_ACK', source: { data: Buffer.from('waiting\n') } });

  let jobs: WatchedProcess | undefined;
  try {
    jobs = watchProcess(
      spawn(process.execPath, [BIN, 'jobs', '--enable'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } }),
    );
    await jobs.waitFor(new RegExp(`Folders: received message ${messageId}`), t.signal);
    assert.equal(await readFile(join(m, 'IN', `${messageId}.dat`), 'utf8'), 'waiting\n');

    await writeFile(join(m, 'OUT', 'dropped.csv'), 'dropped\n');
    const sent = await jobs.waitFor(/Folders: sent dropped\.csv as (\S+)/, t.signal);
    assert.equal((await x2.metadata(sent[1]!)).workflowId, 'TEST_WORKFLOW');
    assert.deepEqual(await list(join(m, 'SENT')), ['dropped.csv']);
    await x2.acknowledge(sent[1]!);

    jobs.child.kill('SIGINT');
    assert.equal(await jobs.closed, 0, jobs.output());
    assert.match(jobs.output(), /Keeping the mailbox folders: sending from .*OUT, receiving into .*IN\./);
  } finally {
    await jobs?.stop();
  }
});

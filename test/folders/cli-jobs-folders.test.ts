// `mesh-console jobs` keeps the mailbox folders: what waits in the inbox is received at start,
// and a file dropped into OUT afterwards is sent without waiting for a schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WatchedProcess } from '../cli/cli-support';
import { consoleWithFolders, folderTestServer, startConsole } from './cli-folders-support';
import { list } from './folder-support';

const server = folderTestServer('mesh-console-jobs-folders-');

test('`mesh-console jobs` receives into IN at start and sends a file dropped into OUT promptly', async (t) => {
  const { x2 } = server;
  const { env, mailbox: m } = await consoleWithFolders(server.sandbox, server.root, [
    '--workflow',
    'TEST_WORKFLOW_ACK',
    '--to',
    'X26ABC2',
    '--send-workflow',
    'TEST_WORKFLOW',
  ]);
  const { messageId } = await x2.send({ to: 'X26ABC1', workflowId: 'TEST_WORKFLOW_ACK', source: { data: Buffer.from('waiting\n') } });

  let jobs: WatchedProcess | undefined;
  try {
    jobs = startConsole(['jobs', '--enable'], env);
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

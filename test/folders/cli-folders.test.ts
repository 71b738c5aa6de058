// `mesh-console folders ...` as a separate process, against a local MESH server in another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../cli/cli-support';
import { consoleWithFolders, folderTestServer, startPassChild } from './cli-folders-support';
import { list } from './folder-support';

const server = folderTestServer('mesh-console-cli-folders-');

test('folders set, show and sync: a pair and a file by the rule sent, a malformed control file to FAILED, exit 1', async () => {
  const { x2 } = server;
  const { env, mailbox: m } = await consoleWithFolders(server.sandbox, join(server.root, 'sync'), [
    '--to',
    'X26ABC2',
    '--send-workflow',
    'TEST_WORKFLOW2',
    '--workflow',
    'NOTHING_HERE',
  ]);
  const shown = await cli(['folders', 'show'], env);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, new RegExp(`SENT +${join(m, 'SENT')}`));
  assert.match(shown.stdout, /files without a control file go to X26ABC2 on TEST_WORKFLOW2/);
  assert.match(shown.stdout, /No pass has run yet/);

  const badUsage = await cli(['folders', 'set', '--out', join(m, 'OUT'), '--in', join(m, 'IN'), '--to', 'X26ABC2'], env);
  assert.equal(badUsage.code, 2);
  assert.match(badUsage.stderr, /^mesh-console: The setting folders\.send_workflow .* is missing: .*\.\n$/);

  await mkdir(join(m, 'OUT'), { recursive: true });
  await writeFile(join(m, 'OUT', 'weekly.dat'), 'weekly\n');
  await writeFile(
    join(m, 'OUT', 'weekly.ctl'),
    '<DTSControl><Version>1.0</Version><AddressType>DTS</AddressType><MessageType>Data</MessageType><To_DTS>X26ABC2</To_DTS>' +
      '<Subject>From the folder</Subject><LocalId>cli-weekly-1</LocalId><WorkflowId>TEST_WORKFLOW</WorkflowId></DTSControl>',
  );
  await writeFile(join(m, 'OUT', 'broken.dat'), 'x\n');
  await writeFile(
    join(m, 'OUT', 'broken.ctl'),
    '<DTSControl><To_DTS>X26ABC2</To_DTS><WorkflowId>W</WorkflowId><Compress>maybe</Compress></DTSControl>',
  );
  await writeFile(join(m, 'OUT', 'extract.csv'), 'a,b\n');

  const sync = await cli(['folders', 'sync'], env);
  assert.equal(sync.code, 1, sync.stdout + sync.stderr);
  const lines = sync.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3, sync.stdout);
  assert.match(lines[0]!, /^failed +broken\.dat → .*: The control file broken\.ctl has Compress "maybe"; it must be Y or N\.$/);
  assert.match(lines[1]!, /^sent +extract\.csv \(message \S+\) → /);
  assert.match(lines[2]!, /^sent +weekly\.dat \(message \S+\) → /);
  assert.equal(sync.stderr, '');
  assert.deepEqual(await list(join(m, 'OUT')), []);
  assert.deepEqual(await list(join(m, 'SENT')), ['extract.csv', 'weekly.ctl', 'weekly.dat']);
  assert.deepEqual(await list(join(m, 'FAILED')), ['broken.ctl', 'broken.dat', 'broken.reason.txt']);

  const weeklyId = /weekly\.dat \(message (\S+)\)/.exec(sync.stdout)![1]!;
  const weekly = await x2.metadata(weeklyId);
  assert.deepEqual([weekly.workflowId, weekly.subject, weekly.localId], ['TEST_WORKFLOW', 'From the folder', 'cli-weekly-1']);
  const extractId = /extract\.csv \(message (\S+)\)/.exec(sync.stdout)![1]!;
  assert.equal((await x2.metadata(extractId)).workflowId, 'TEST_WORKFLOW2');
  await x2.acknowledge(weeklyId);
  await x2.acknowledge(extractId);

  const again = await cli(['folders', 'show', '--json'], env);
  const shownJson = JSON.parse(again.stdout) as { passes: { items: unknown[] }[] };
  assert.equal(shownJson.passes[0]?.items.length, 3);
});

test('a pass killed between writing a message into IN and acknowledging it: the next one leaves one copy, acknowledged', async (t) => {
  const { sandbox, x2 } = server;
  const { env, mailbox: m } = await consoleWithFolders(sandbox, join(server.root, 'crash'), [
    '--layout',
    'plain',
    '--workflow',
    'TEST_WORKFLOW_ACK',
  ]);
  const { messageId } = await x2.send({
    to: 'X26ABC1',
    workflowId: 'TEST_WORKFLOW_ACK',
    source: { data: Buffer.from('arrives once\n') },
    fileName: 'results.csv',
  });

  const child = startPassChild(env, 'in');
  try {
    await child.waitFor(new RegExp(`written ${messageId}, not acknowledged`), t.signal);
  } finally {
    await child.stop('SIGKILL');
  }
  assert.deepEqual(await list(join(m, 'IN')), ['results.csv']);
  const x1 = sandbox.client('X26ABC1');
  try {
    assert.deepEqual(await x1.inboxAll({ workflowFilter: 'TEST_WORKFLOW_ACK' }), [messageId]);

    const sync = await cli(['folders', 'sync'], env);
    assert.equal(sync.code, 0, sync.stdout + sync.stderr);
    assert.match(sync.stdout, new RegExp(`^received +message ${messageId} → ${join(m, 'IN', 'results.csv').replace(/[.]/g, '\\.')}$`, 'm'));
    assert.deepEqual(await list(join(m, 'IN')), ['results.csv']);
    assert.equal(await readFile(join(m, 'IN', 'results.csv'), 'utf8'), 'arrives once\n');
    assert.deepEqual(await x1.inboxAll({ workflowFilter: 'TEST_WORKFLOW_ACK' }), []);
    assert.equal((await x2.trackByMessageId(messageId)).status, 'acknowledged');
  } finally {
    await x1.close();
  }
});

test('a pass killed after MESH accepted a file, before moving it: the next pass finds it by its local id, sends nothing', async (t) => {
  const { x2 } = server;
  const { env, mailbox: m } = await consoleWithFolders(server.sandbox, join(server.root, 'crash-out'), [
    '--to',
    'X26ABC2',
    '--send-workflow',
    'TEST_WORKFLOW',
  ]);
  await mkdir(join(m, 'OUT'), { recursive: true });
  await writeFile(join(m, 'OUT', 'exactly-once.csv'), 'exactly once\n');

  const child = startPassChild(env, 'out');
  let messageId: string;
  try {
    messageId = (await child.waitFor(/sent exactly-once\.csv as (\S+), not moved/, t.signal))[1]!;
  } finally {
    await child.stop('SIGKILL');
  }
  assert.deepEqual(await list(join(m, 'OUT')), ['exactly-once.csv']);

  const sync = await cli(['folders', 'sync'], env);
  assert.equal(sync.code, 0, sync.stdout + sync.stderr);
  assert.match(
    sync.stdout,
    new RegExp(
      `^sent +exactly-once\\.csv \\(message ${messageId}\\) → .*: An earlier pass sent it as ${messageId} .*not sent again\\.$`,
      'm',
    ),
  );
  assert.deepEqual(await list(join(m, 'OUT')), []);
  assert.deepEqual(await list(join(m, 'SENT')), ['exactly-once.csv']);
  const copies = [];
  for (const id of await x2.inboxAll()) if ((await x2.metadata(id)).fileName === 'exactly-once.csv') copies.push(id);
  assert.deepEqual(copies, [messageId]);
  await x2.acknowledge(messageId);
});

// The mailbox folders against a local MESH server in its own process: what goes out of OUT and
// where it ends up, and what arrives in IN.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseControlFile } from '../../main/folders/control-file';
import type { MeshClient } from '../../main/mesh';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';
import { downloadedBytes, downloadedText } from '../support/download';
import { admin, foldersIn, list, makeFolders, pass } from './folder-support';

let root: string;
let sandbox: SandboxProcess;
let recipient: MeshClient;
let sender: MeshClient;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mesh-console-folders-'));
  sandbox = await startSandbox(join(root, 'mesh'));
  recipient = sandbox.client('X26ABC2');
  sender = sandbox.client('X26ABC1');
});

after(async () => {
  await recipient?.close();
  await sender?.close();
  await sandbox?.stop();
  await rm(root, { recursive: true, force: true });
});

async function fresh(name: string) {
  const dir = join(root, name);
  const folders = foldersIn(join(dir, 'mailbox'));
  await makeFolders(folders);
  return { dataDir: join(dir, 'data'), folders };
}

const CONTROL = (to: string, extra = '') =>
  `<DTSControl>\n<Version>1.0</Version>\n<AddressType>DTS</AddressType>\n<MessageType>Data</MessageType>\n` +
  `<From_DTS>X26ABC1</From_DTS>\n<To_DTS>${to}</To_DTS>\n<Subject>Weekly return</Subject>\n<LocalId>weekly-2026-48</LocalId>\n` +
  `<Compress>Y</Compress>\n<WorkflowId>TEST_WORKFLOW</WorkflowId>\n<AllowChunking>Y</AllowChunking>\n${extra}</DTSControl>\n`;

test("a .dat/.ctl pair is sent with the control file's workflow, subject and local id, then moved to SENT", async () => {
  const { dataDir, folders } = await fresh('pair');
  await writeFile(join(folders.out, 'weekly.dat'), 'id,value\n1,a\n');
  await writeFile(join(folders.out, 'weekly.ctl'), CONTROL('X26ABC2'));

  const result = await pass(sandbox, dataDir, folders, { direction: 'out' });
  assert.equal(result.error, undefined);
  const item = result.items.find((i) => i.name === 'weekly.dat');
  assert.equal(item?.outcome, 'sent', JSON.stringify(result));
  const meta = await recipient.metadata(item!.messageId!);
  assert.equal(meta.workflowId, 'TEST_WORKFLOW');
  assert.equal(meta.subject, 'Weekly return');
  assert.equal(meta.localId, 'weekly-2026-48');
  assert.equal(meta.fileName, 'weekly.dat');
  assert.equal(await downloadedText(recipient, item!.messageId!), 'id,value\n1,a\n');

  assert.deepEqual(await list(folders.out), []);
  assert.deepEqual(await list(folders.sent), ['weekly.ctl', 'weekly.dat']);
  const sentControl = parseControlFile(await readFile(join(folders.sent, 'weekly.ctl'), 'utf8'), 'weekly.ctl');
  assert.equal(sentControl.dtsId, item!.messageId);
  assert.equal(sentControl.statusRecord?.status, 'SUCCESS');
  await recipient.acknowledge(item!.messageId!);
});

test('a file without a control file goes by the folder rule; without a rule it goes to FAILED with the reason', async () => {
  const { dataDir, folders } = await fresh('rule');
  await writeFile(join(folders.out, 'extract.csv'), 'a,b\n');
  const noRule = await pass(sandbox, dataDir, folders, { direction: 'out' });
  assert.equal(noRule.items[0]?.outcome, 'failed');
  assert.match(noRule.items[0]!.reason!, /no control file and the folders have no rule/);
  assert.deepEqual(await list(folders.failed), ['extract.csv', 'extract.csv.reason.txt']);

  await writeFile(join(folders.out, 'extract.csv'), 'a,b\n');
  const withRule = { ...folders, rule: { to: 'X26ABC2', workflowId: 'TEST_WORKFLOW2' } };
  const sent = await pass(sandbox, dataDir, withRule, { direction: 'out' });
  const item = sent.items[0]!;
  assert.equal(item.outcome, 'sent', JSON.stringify(sent));
  const meta = await recipient.metadata(item.messageId!);
  assert.equal(meta.workflowId, 'TEST_WORKFLOW2');
  assert.equal(meta.fileName, 'extract.csv');
  assert.match(meta.localId ?? '', /^mesh-console-folder-/);
  assert.deepEqual(await list(folders.sent), ['extract.csv']);
  await recipient.acknowledge(item.messageId!);
});

test('a malformed control file moves the pair to FAILED with a one-sentence reason; nothing is sent', async () => {
  const { dataDir, folders } = await fresh('malformed');
  const before = (await recipient.inboxAll()).length;
  await writeFile(join(folders.out, 'broken.dat'), 'x\n');
  await writeFile(join(folders.out, 'broken.ctl'), '<DTSControl><To_DTS>X26ABC2</DTSControl>');
  await writeFile(join(folders.out, 'nobody.dat'), 'x\n');
  await writeFile(join(folders.out, 'nobody.ctl'), CONTROL('not a mailbox'));
  const result = await pass(sandbox, dataDir, folders, { direction: 'out' });
  assert.deepEqual(
    result.items.map((i) => [i.name, i.outcome]),
    [
      ['broken.dat', 'failed'],
      ['nobody.dat', 'failed'],
    ],
  );
  assert.deepEqual(await list(folders.failed), [
    'broken.ctl',
    'broken.dat',
    'broken.reason.txt',
    'nobody.ctl',
    'nobody.dat',
    'nobody.reason.txt',
  ]);
  const reason = await readFile(join(folders.failed, 'broken.reason.txt'), 'utf8');
  assert.match(reason, /^The control file broken\.ctl is not well-formed XML \(line 1: .*\); correct it and put it back in OUT\.\n$/);
  assert.doesNotMatch(reason, /\n\s+at /);
  assert.match(await readFile(join(folders.failed, 'nobody.reason.txt'), 'utf8'), /To_DTS "not a mailbox", which is not a MESH mailbox id/);
  assert.equal((await recipient.inboxAll()).length, before);
});

test('a file still being written is not sent; the next pass sends it whole', async () => {
  const { dataDir, folders } = await fresh('half');
  const rule = { to: 'X26ABC2', workflowId: 'TEST_WORKFLOW' };
  await writeFile(join(folders.out, 'growing.csv'), 'first half\n');
  // The writer adds more between the pass's two looks.
  const first = await pass(
    sandbox,
    dataDir,
    { ...folders, rule },
    {
      direction: 'out',
      settle: () => appendFile(join(folders.out, 'growing.csv'), 'second half\n'),
    },
  );
  assert.equal(first.items[0]?.outcome, 'waiting');
  assert.match(first.items[0]!.reason!, /growing\.csv is still being written/);
  assert.deepEqual(await list(folders.out), ['growing.csv']);

  const second = await pass(sandbox, dataDir, { ...folders, rule }, { direction: 'out' });
  const item = second.items[0]!;
  assert.equal(item.outcome, 'sent');
  assert.equal(await downloadedText(recipient, item.messageId!), 'first half\nsecond half\n');
  await recipient.acknowledge(item.messageId!);
});

test('a send interrupted before its file was moved is found by its local id and not sent again', async () => {
  const { dataDir, folders } = await fresh('reconcile');
  const rule = { to: 'X26ABC2', workflowId: 'TEST_WORKFLOW' };
  await writeFile(join(folders.out, 'once.csv'), 'only once\n');
  // What a pass that died straight after MESH accepted the file leaves: the send, and its local id recorded.
  const localId = 'mesh-console-folder-crashed-1';
  const { messageId } = await sender.send({
    to: 'X26ABC2',
    workflowId: 'TEST_WORKFLOW',
    source: { data: Buffer.from('only once\n') },
    localId,
  });
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    join(dataDir, 'folders.json'),
    JSON.stringify({ version: 1, sending: { 'once.csv': { localId, startedAt: new Date().toISOString() } }, receiving: {}, passes: [] }),
  );
  const result = await pass(sandbox, dataDir, { ...folders, rule }, { direction: 'out' });
  const item = result.items[0]!;
  assert.equal(item.outcome, 'sent');
  assert.equal(item.messageId, messageId);
  assert.match(item.reason!, /not sent again/);
  assert.deepEqual(await list(folders.sent), ['once.csv']);
  const withLocalId = [];
  for (const id of await recipient.inboxAll()) if ((await recipient.metadata(id)).localId === localId) withLocalId.push(id);
  assert.deepEqual(withLocalId, [messageId]);
  await recipient.acknowledge(messageId);
});

test('messages are received into IN as .dat and .ctl (Java layout), then acknowledged; a REPORT becomes a control file', async () => {
  const { dataDir, folders } = await fresh('inbound');
  const from2 = sandbox.client('X26ABC2');
  try {
    const { messageId } = await from2.send({
      to: 'X26ABC1',
      workflowId: 'TEST_WORKFLOW_ACK',
      source: { data: Buffer.from('reply\n') },
      subject: 'An answer',
      localId: 'answer-1',
      fileName: 'answer.csv',
    });
    const report = await admin(sandbox, '/admin/report', {
      mailbox_id: 'X26ABC1',
      status: 'error',
      code: '14',
      description: 'Message not collected by recipient after 5 days',
      workflow_id: 'TEST_WORKFLOW_ACK',
      local_id: 'sent-earlier',
      linked_message_id: 'EARLIER-MESSAGE',
    });
    assert.equal(report.status, 200, report.body);
    const reportId = (JSON.parse(report.body) as { message_id: string }).message_id;

    const result = await pass(sandbox, dataDir, { ...folders, workflowFilter: 'TEST_WORKFLOW_ACK' }, { direction: 'in' });
    assert.equal(result.error, undefined);
    assert.deepEqual(result.items.map((i) => i.outcome).sort(), ['received', 'received']);
    assert.deepEqual(await list(folders.in), [`${messageId}.ctl`, `${messageId}.dat`, `${reportId}.ctl`].sort());
    assert.equal(await readFile(join(folders.in, `${messageId}.dat`), 'utf8'), 'reply\n');
    const control = parseControlFile(await readFile(join(folders.in, `${messageId}.ctl`), 'utf8'), 'ctl');
    assert.equal(control.messageType, 'Data');
    assert.equal(control.fromDts, 'X26ABC2');
    assert.equal(control.toDts, 'X26ABC1');
    assert.equal(control.workflowId, 'TEST_WORKFLOW_ACK');
    assert.equal(control.subject, 'An answer');
    assert.equal(control.localId, 'answer-1');
    assert.equal(control.dtsId, messageId);
    assert.equal(control.statusRecord?.status, 'SUCCESS');
    assert.equal(control.statusRecord?.statusCode, '00');
    const reportControl = parseControlFile(await readFile(join(folders.in, `${reportId}.ctl`), 'utf8'), 'ctl');
    assert.equal(reportControl.messageType, 'Report');
    assert.equal(reportControl.statusRecord?.status, 'ERROR');
    assert.equal(reportControl.statusRecord?.statusCode, '14');

    assert.deepEqual(await sender.inboxAll({ workflowFilter: 'TEST_WORKFLOW_ACK' }), []);
    assert.equal((await from2.trackByMessageId(messageId)).status, 'acknowledged');
  } finally {
    await from2.close();
  }
});

test("the plain layout keeps a message's own file name, made safe, and never replaces a file already in IN", async () => {
  const { dataDir, folders } = await fresh('plain');
  const plain = { ...folders, layout: 'plain' as const, workflowFilter: 'TEST_WORKFLOW_ACK' };
  await writeFile(join(folders.in, 'answer.csv'), 'already here\n');
  const from2 = sandbox.client('X26ABC2');
  try {
    await from2.send({ to: 'X26ABC1', workflowId: 'TEST_WORKFLOW_ACK', source: { data: Buffer.from('new\n') }, fileName: '../answer.csv' });
    const result = await pass(sandbox, dataDir, plain, { direction: 'in' });
    assert.equal(result.items[0]?.outcome, 'received', JSON.stringify(result));
    assert.deepEqual(await list(folders.in), ['answer-2.csv', 'answer.csv']);
    assert.equal(await readFile(join(folders.in, 'answer.csv'), 'utf8'), 'already here\n');
    assert.equal(await readFile(join(folders.in, 'answer-2.csv'), 'utf8'), 'new\n');
  } finally {
    await from2.close();
  }
});

test("a file MESH refuses (an unregistered recipient) goes to FAILED with MESH's reason in one sentence", async () => {
  const { dataDir, folders } = await fresh('refused');
  await writeFile(join(folders.out, 'nobody.dat'), 'x\n');
  await writeFile(join(folders.out, 'nobody.ctl'), CONTROL('X26XXX9'));
  const result = await pass(sandbox, dataDir, folders, { direction: 'out' });
  const item = result.items[0]!;
  assert.equal(item.outcome, 'failed', JSON.stringify(result));
  assert.deepEqual(await list(folders.failed), ['nobody.ctl', 'nobody.dat', 'nobody.reason.txt']);
  assert.equal(await readFile(join(folders.failed, 'nobody.reason.txt'), 'utf8'), `${item.reason}\n`);
  assert.doesNotMatch(item.reason!, /\n/);
  assert.equal(JSON.parse(await readFile(join(dataDir, 'folders.json'), 'utf8')).sending['nobody.dat'], undefined);
});

test('a file larger than a chunk goes chunked, like any send, and arrives whole', async () => {
  const { dataDir, folders } = await fresh('chunked');
  const data = Buffer.alloc(300_000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251;
  await writeFile(join(folders.out, 'large.dat'), data);
  await writeFile(join(folders.out, 'large.ctl'), CONTROL('X26ABC2'));
  const result = await pass(sandbox, dataDir, folders, { direction: 'out', chunkSizeBytes: 100_000 });
  const item = result.items[0]!;
  assert.equal(item.outcome, 'sent', JSON.stringify(result));
  assert.equal((await recipient.metadata(item.messageId!)).chunkCount, 3);
  assert.ok((await downloadedBytes(recipient, item.messageId!)).equals(data));
  await recipient.acknowledge(item.messageId!);
});

test('a mailbox folder that cannot be made is one sentence naming it, and the pass is kept with that sentence', async () => {
  const { dataDir, folders } = await fresh('not-a-folder');
  await writeFile(join(root, 'not-a-folder', 'a-file'), 'x');
  const broken = { ...folders, out: join(root, 'not-a-folder', 'a-file', 'OUT') };
  const result = await pass(sandbox, dataDir, broken);
  assert.equal(
    result.error,
    `${broken.out} is not a folder (part of its path is a file): check the mailbox folders and their permissions.`,
  );
  const kept = JSON.parse(await readFile(join(dataDir, 'folders.json'), 'utf8')) as { passes: { error?: string }[] };
  assert.equal(kept.passes.at(-1)?.error, result.error);
});

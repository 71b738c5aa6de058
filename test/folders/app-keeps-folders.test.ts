// The app keeps the mailbox folders with its scheduler: the real service, its own local MESH
// server, scheduled jobs on. What waits in the inbox at start is received into IN by the inbox
// refresh job, which reads the inbox once for the inbox screen and the folders; a .dat/.ctl pair
// dropped into OUT afterwards reaches its recipient without anyone asking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleEvent, FolderPassItem } from '../../preload/api';
import { createConsoleService, type ConsoleService } from '../../main/app/service';
import { NOTICE_TOPICS } from '../../main/domain';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { downloadedText } from '../support/download';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { list } from './folder-support';

function open(dataDir: string, startScheduler: boolean): Promise<ConsoleService> {
  return createConsoleService({
    dataDir,
    env: {},
    seedDemoData: false,
    startScheduler,
    ports: { dialogs: scriptedDialogs(), secrets: FileKeyEncryptor.inDataDir(dataDir) },
  });
}

/** Every event from the start; `next` resolves with the first one `pick` answers for after the last one taken. */
function recordEvents(service: ConsoleService) {
  const seen: ConsoleEvent[] = [];
  const waiting = new Set<() => void>();
  const unsubscribe = service.subscribe((event) => {
    seen.push(event);
    for (const wake of [...waiting]) wake();
  });
  let taken = 0;
  return {
    unsubscribe,
    next<T>(pick: (event: ConsoleEvent) => T | undefined): Promise<T> {
      return new Promise((resolve) => {
        const look = () => {
          for (; taken < seen.length; taken++) {
            const found = pick(seen[taken]!);
            if (found !== undefined) {
              taken++;
              waiting.delete(look);
              resolve(found);
              return;
            }
          }
        };
        waiting.add(look);
        look();
      });
    },
  };
}

function passItem(event: ConsoleEvent, direction: 'in' | 'out', outcome: FolderPassItem['outcome']): FolderPassItem | undefined {
  return event.type === 'folders' ? event.pass.items.find((item) => item.direction === direction && item.outcome === outcome) : undefined;
}

test('the app receives into IN at start, reading the inbox once, and sends a pair dropped into OUT', { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-app-folders-'));
  const dataDir = join(dir, 'data');
  const mailbox = join(dir, 'mailbox');
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    join(dataDir, 'settings.json'),
    JSON.stringify({ mesh_jobs: true, folders: { out: join(mailbox, 'OUT'), in: join(mailbox, 'IN'), workflow_filter: 'TEST_WORKFLOW' } }),
  );

  // Two messages wait for the console's mailbox before the app starts: one the folders take, one they leave.
  let service = await open(dataDir, false);
  const peer = service.runtime.localClient('X26ABC2');
  let forIn: string, left: string;
  try {
    forIn = (await peer.send({ to: 'X26ABC1', workflowId: 'TEST_WORKFLOW', fileName: 'a.csv', source: { data: Buffer.from('for IN\n') } }))
      .messageId;
    left = (await peer.send({ to: 'X26ABC1', workflowId: 'TEST_WORKFLOW_ACK', source: { data: Buffer.from('not for IN\n') } })).messageId;
  } finally {
    await peer.close();
    await service.close();
  }

  service = await open(dataDir, true);
  const events = recordEvents(service);
  const recipient = service.runtime.localClient('X26ABC2');
  try {
    const received = await events.next((event) => passItem(event, 'in', 'received'));
    assert.equal(received.messageId, forIn);
    assert.equal(await readFile(join(mailbox, 'IN', `${forIn}.dat`), 'utf8'), 'for IN\n');
    const refresh = await events.next((event) =>
      event.type === 'job' && event.job.name === 'inboxRefresh' && !event.job.running && event.job.lastRunAt ? event.job : undefined,
    );
    assert.equal(refresh.lastResult, 'ok', refresh.lastMessage);
    assert.match(refresh.lastMessage ?? '', /^1 messages waiting\. Folders: 1 received into IN\./);

    // One listing of the inbox served both: the screen's list has the message the folders left, not the one they took.
    const listings = service.runtime
      .local!.server.admin.requests()
      .filter((r) => r.method === 'GET' && r.mailbox === 'X26ABC1' && /\/inbox(\?|$)/.test(r.path));
    assert.equal(listings.length, 1, JSON.stringify(listings));
    assert.deepEqual(
      (await service.inbox({})).map((item) => item.messageId),
      [left],
    );
    const view = await service.folders();
    assert.equal(view.kept, true, view.keptNote);

    // A pair dropped into OUT goes without anyone asking.
    await writeFile(join(mailbox, 'OUT', 'weekly.dat'), 'id,value\n1,a\n');
    await writeFile(
      join(mailbox, 'OUT', 'weekly.ctl'),
      '<DTSControl><Version>1.0</Version><AddressType>DTS</AddressType><MessageType>Data</MessageType>' +
        '<To_DTS>X26ABC2</To_DTS><WorkflowId>TEST_WORKFLOW</WorkflowId><Subject>Weekly</Subject></DTSControl>',
    );
    const sent = await events.next((event) => passItem(event, 'out', 'sent'));
    assert.equal(sent.name, 'weekly.dat');
    assert.ok((await recipient.inboxAll()).includes(sent.messageId!), 'the recipient has it');
    assert.equal(await downloadedText(recipient, sent.messageId!), 'id,value\n1,a\n');
    assert.equal((await recipient.metadata(sent.messageId!)).subject, 'Weekly');
    assert.deepEqual(await list(join(mailbox, 'SENT')), ['weekly.ctl', 'weekly.dat']);

    // A file the folders cannot send (no control file, no rule) goes to FAILED, and the operator is told.
    await writeFile(join(mailbox, 'OUT', 'orphan.csv'), 'x\n');
    const told = await events.next((event) =>
      event.type === 'notice' && event.text.startsWith('Mailbox folders: orphan.csv went to FAILED.') ? event : undefined,
    );
    assert.equal(told.type === 'notice' && told.level, 'warning');
    assert.match(told.type === 'notice' ? told.text : '', /has no control file and the folders have no rule/);
    assert.deepEqual(await list(join(mailbox, 'FAILED')), ['orphan.csv', 'orphan.csv.reason.txt']);
    assert.equal(told.type === 'notice' && told.topic, NOTICE_TOPICS.folderFileFailed('orphan.csv'), 'the notice names its file');

    // A pair whose control file is refused goes to FAILED; once the operator sends it again, that notice goes.
    const ctl = (to: string) =>
      `<DTSControl><Version>1.0</Version><AddressType>DTS</AddressType><MessageType>Data</MessageType><To_DTS>${to}</To_DTS>` +
      '<WorkflowId>TEST_WORKFLOW</WorkflowId></DTSControl>';
    await writeFile(join(mailbox, 'OUT', 'retry.dat'), 'id,value\n2,b\n');
    await writeFile(join(mailbox, 'OUT', 'retry.ctl'), '<NotDTSControl/>');
    const retryTopic = NOTICE_TOPICS.folderFileFailed('retry.dat');
    await events.next((event) => (event.type === 'notice' && event.topic === retryTopic ? event : undefined));
    await writeFile(join(mailbox, 'OUT', 'retry.dat'), 'id,value\n2,b\n');
    await writeFile(join(mailbox, 'OUT', 'retry.ctl'), ctl('X26ABC2'));
    const resolvedAfter = await events.next((event) =>
      (event.type === 'resolved' && event.topic === retryTopic) || passItem(event, 'out', 'sent') ? event : undefined,
    );
    assert.equal(resolvedAfter.type, 'folders', 'the pass that sent it is told first');
    const cleared = await events.next((event) =>
      event.type === 'resolved' && event.topic.startsWith('folder-file-failed:') ? event : undefined,
    );
    assert.equal(cleared.type === 'resolved' && cleared.topic, retryTopic, 'only the notice of the file that went through is cleared');
  } finally {
    events.unsubscribe();
    await recipient.close();
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});

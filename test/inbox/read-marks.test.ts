// The inbox's memory, against the real service on its local MESH server (HTTPS, client
// certificates): which messages were opened and their sizes, kept in the data folder across a
// refresh and a restart; messages newly listed announced once; a chunked save telling its progress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleEvent, InboxItem } from '../../preload/api';
import { createConsoleService, type ConsoleService } from '../../main/app/service';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { scriptedDialogs } from '../support/scripted-dialogs';

async function open(dir: string, dialogs = scriptedDialogs()) {
  const service = await createConsoleService({
    dataDir: join(dir, 'data'),
    env: {},
    startScheduler: false,
    ports: { dialogs, secrets: FileKeyEncryptor.inDataDir(join(dir, 'data')) },
  });
  const events: ConsoleEvent[] = [];
  service.subscribe((event) => events.push(event));
  return { service, events, dialogs };
}

const byFile = (items: InboxItem[], fileName: string) => {
  const item = items.find((i) => i.fileName === fileName);
  assert.ok(item, `the inbox lists ${fileName}`);
  return item;
};

async function sendTo(service: ConsoleService, subject: string, data: Buffer, chunkSizeBytes?: number): Promise<string> {
  const sent = await service.runtime.localClient('X26ABC2').send({
    to: 'X26ABC1',
    workflowId: 'TEST_WORKFLOW',
    subject,
    fileName: `${subject}.bin`,
    compress: false,
    source: { data },
    ...(chunkSizeBytes ? { chunkSizeBytes } : {}),
  });
  return sent.messageId;
}

test('opened messages stay marked read, with their size, across a refresh and a restart; the marks of acknowledged ones go', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-read-marks-'));
  try {
    let { service, events } = await open(dir);
    let items = await service.inbox({ refresh: true });
    assert.ok(items.length >= 5);
    assert.deepEqual(
      items.filter((i) => i.read || i.size !== undefined),
      [],
      'nothing opened yet: no marks, no sizes',
    );
    const letter = byFile(items, 'letter.txt');
    const view = await service.message(letter.messageId);
    const changed = events.filter((e) => e.type === 'inbox-changed').at(-1);
    assert.deepEqual(changed, { type: 'inbox-changed', count: items.length, unread: items.length - 1 });

    items = await service.inbox({ refresh: true });
    assert.equal(byFile(items, 'letter.txt').read, true);
    assert.equal(byFile(items, 'letter.txt').size, view.size);
    assert.equal(byFile(items, 'clinic-list.csv').read, undefined, 'only the opened one is read');
    assert.equal((await service.overview()).inbox.unread, items.length - 1);
    await service.close();

    ({ service, events } = await open(dir));
    items = await service.inbox({ refresh: true });
    assert.equal(byFile(items, 'letter.txt').read, true, 'the mark survives a restart');
    assert.equal(byFile(items, 'letter.txt').size, view.size);
    assert.equal(events.filter((e) => e.type === 'messages-arrived').length, 0, 'a first listing announces nothing');

    const acked = await service.acknowledge([letter.messageId]);
    assert.equal(acked[0]!.ok, true);
    await service.inbox({ refresh: true });
    await service.close();
    const stored = JSON.parse(await readFile(join(dir, 'data', 'read-marks.json'), 'utf8')) as { messages: Record<string, unknown> };
    assert.equal(stored.messages[letter.messageId], undefined, 'an acknowledged message leaves no mark behind');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('messages newly listed are announced once, by count and ids', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-arrivals-'));
  const { service, events } = await open(dir);
  try {
    await service.inbox({ refresh: true });
    const ids = [await sendTo(service, 'first-new', Buffer.from('1')), await sendTo(service, 'second-new', Buffer.from('2'))];
    await service.inbox({ refresh: true });
    const arrived = events.filter((e) => e.type === 'messages-arrived');
    assert.deepEqual(arrived, [{ type: 'messages-arrived', count: 2, messageIds: ids }]);
    await service.inbox({ refresh: true });
    assert.equal(events.filter((e) => e.type === 'messages-arrived').length, 1, 'nothing new, nothing announced');
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('saving a chunked message tells its progress chunk by chunk; its size, once known, is the total', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-save-progress-'));
  const { service, events, dialogs } = await open(dir);
  try {
    const data = Buffer.alloc(3 * 64 * 1024 + 100, 7);
    const id = await sendTo(service, 'chunked', data, 64 * 1024);
    await service.inbox({ refresh: true });

    dialogs.willSave(join(dir, 'chunked.bin'));
    const saved = await service.saveMessage(id);
    assert.equal(saved?.bytes, data.length);
    const progress = events.filter((e) => e.type === 'progress' && e.operation === 'saveMessage' && e.id === id);
    assert.deepEqual(
      progress.map((e) => e.type === 'progress' && e.chunk),
      [1, 2, 3, 4].map((index) => ({ index, count: 4 })),
    );
    assert.ok(
      progress.every((e) => e.type === 'progress' && e.total === 0),
      'the size is not known before the first download',
    );
    const done = progress.map((e) => (e.type === 'progress' ? e.done : -1));
    assert.deepEqual(
      [...done].sort((a, b) => a - b),
      done,
      'bytes only go up',
    );
    assert.equal(byFile(await service.inbox({}), 'chunked.bin').size, data.length, 'a save teaches the size');

    dialogs.willSave(join(dir, 'again.bin'));
    await service.saveMessage(id);
    const again = events.filter((e) => e.type === 'progress' && e.operation === 'saveMessage').slice(progress.length);
    assert.ok(again.length >= 4 && again.every((e) => e.type === 'progress' && e.total === data.length));
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});

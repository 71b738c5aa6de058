import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleService } from '../../main/app/service';
import type { ConsoleEvent } from '../../preload/api';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { startTestService } from './service-support';

async function withService(
  fn: (s: ConsoleService, dir: string, dialogs: ReturnType<typeof scriptedDialogs>, events: ConsoleEvent[]) => Promise<void>,
) {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-service-'));
  const dialogs = scriptedDialogs();
  const service = await startTestService(join(dir, 'data'), { dialogs });
  const events: ConsoleEvent[] = [];
  service.subscribe((e) => events.push(e));
  try {
    await fn(service, dir, dialogs, events);
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
}

test('a fresh console: sandbox overview, inbox, a message as text, save, acknowledge', async () => {
  await withService(async (service, dir, dialogs) => {
    assert.equal((await service.validateMailbox()).ok, true);
    const items = await service.inbox({ refresh: true });
    assert.equal(items.length, 7);
    const overview = await service.overview();
    assert.equal(overview.sandbox, true);
    assert.equal(overview.inbox.count, 7);
    assert.ok(overview.lastHandshake?.ok);
    assert.ok(overview.unsentRecords.flu > 0);

    const html = items.find((i) => i.fileName === 'page.html')!;
    const view = await service.message(html.messageId);
    assert.equal(view.content.kind, 'text');
    assert.match((view.content as { text: string }).text, /<script>/, 'markup comes back as text to show as text');

    const table = await service.message(items.find((i) => i.fileName === 'clinic-list.csv')!.messageId);
    assert.equal(table.content.kind, 'table');

    const report = items.find((i) => i.messageType === 'REPORT')!;
    const reportView = await service.message(report.messageId);
    assert.match(reportView.report!.meaning, /not collect/);

    dialogs.willSave(join(dir, 'letter.txt'));
    const saved = await service.saveMessage(items.find((i) => i.fileName === 'letter.txt')!.messageId);
    assert.match(await readFile(saved!.path, 'utf8'), /Dear colleague/);
    assert.ok(
      dialogs.asked.some((a) => a.includes('[letter.txt]')),
      'the save dialog offers the message file name',
    );

    const acks = await service.acknowledge([html.messageId]);
    assert.deepEqual(acks, [{ messageId: html.messageId, ok: true }]);
    assert.equal((await service.inbox({ refresh: true })).length, 6);
  });
});

test('send a chosen file with progress; export, track; secrets never come back', async () => {
  await withService(async (service, dir, dialogs, events) => {
    const file = join(dir, 'out.txt');
    await writeFile(file, 'x'.repeat(300_000));
    dialogs.willOpen(file);
    const chosen = await service.chooseFileToSend();
    const sent = await service.sendFile({
      fileToken: chosen!.token,
      to: 'x26abc2',
      workflowId: 'TEST_WORKFLOW',
      compress: true,
      chunkSizeBytes: 100_000,
    });
    assert.equal(sent.ok, true, sent.error);
    assert.ok(events.some((e) => e.type === 'progress' && e.operation === 'sendFile' && e.done === e.total));
    const [item] = await service.sentMessages();
    assert.equal(item!.messageId, sent.messageId);
    assert.equal((await service.trackSent(sent.messageId!)).status, 'accepted');

    const results = await service.runExport('flu');
    assert.equal(results[0]!.status, 'accepted', results[0]!.error);
    assert.ok(events.some((e) => e.type === 'export-status' && e.status === 'accepted'));
    const history = await service.exports();
    assert.equal(history.length, 1);

    await service.setSecret('password', 'a-secret-password');
    const view = await service.settings();
    assert.equal(view.secrets.password, true);
    assert.doesNotMatch(JSON.stringify(view), /a-secret-password/);
    const failed = await service.validateMailbox();
    assert.equal(failed.ok, false, 'the wrong password now stored is used');
    assert.match(failed.error!, /password|shared key/i);
    assert.match(failed.error!, /in Settings, under Secrets/, 'the app says where in Settings');
    assert.doesNotMatch(failed.error!, /MESH_PASSWORD/, "not the command line's words");
    assert.ok(events.some((e) => e.type === 'alert' && e.alert === 'mailbox-unreachable'));
    assert.doesNotMatch(await readFile(join(dir, 'data', 'secrets.json'), 'utf8'), /a-secret-password/, 'encrypted at rest');
  });
});

test('what happens before anyone listens reaches the first listener: the sandbox notice at first start', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-service-'));
  const service = await startTestService(join(dir, 'data'));
  try {
    const events: ConsoleEvent[] = [];
    service.subscribe((e) => events.push(e));
    assert.ok(events.some((e) => e.type === 'notice' && /sandbox, not NHS MESH/.test(e.text)));
    const later: ConsoleEvent[] = [];
    service.subscribe((e) => later.push(e));
    assert.deepEqual(later, [], 'delivered once, not again to the next listener');
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});

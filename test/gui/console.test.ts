// The console's screens driven in Chromium against the real service: the local MESH server over
// HTTPS with mutual TLS, real lowdb files in a temporary folder, native dialogs answered by script.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import type { ConsoleEvent } from '../../preload/api';
import type { ConsoleService } from '../../main/app/service';
import type { ScriptedDialogs } from '../support/scripted-dialogs';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';
import type { Gui } from './support/harness';

let console_: ConsoleGui;
let dir: string;
let dialogs: ScriptedDialogs;
let service: ConsoleService;
let gui: Gui;
let page: Page;
const events: ConsoleEvent[] = [];

before(async () => {
  console_ = await startConsoleGui('mesh-console-gui-');
  ({ dir, dialogs, service, gui, page } = console_);
  service.subscribe((event) => events.push(event));
});

after(async () => {
  await console_?.close();
});

const open = (section: string) => console_.open(section);
const admin = () => console_.admin();
const inboxRow = (text: string) => console_.inboxRow(text);

test('the overview says it is a sandbox, and validating the mailbox succeeds', async () => {
  await open('Overview');
  await page.getByText('Local MESH sandbox — not NHS MESH').first().waitFor();
  await page.getByText('Scheduled jobs are off').waitFor();
  await page.getByRole('button', { name: 'Validate mailbox now' }).click();
  await page
    .locator('section', { has: page.getByRole('heading', { name: 'Last handshake' }) })
    .getByText('Succeeded')
    .waitFor();
  await gui.screenshot('overview', { fullPage: true });
});

test('inbox → message → save → acknowledge takes it off MESH', async () => {
  await open('Inbox');
  await inboxRow('Catch-up list').waitFor();
  await gui.screenshot('inbox');
  const id = await inboxRow('Catch-up list').getAttribute('data-message-id');
  assert.ok(id);
  await inboxRow('Catch-up list').getByRole('button').click();
  await page.getByRole('heading', { level: 1, name: 'Catch-up list' }).waitFor();
  await page.getByRole('heading', { name: 'Contents' }).waitFor();
  await gui.screenshot('message', { fullPage: true });

  const savedTo = join(dir, 'catch-up-list.txt');
  dialogs.willSave(savedTo);
  await page.getByRole('button', { name: 'Save to a file' }).click();
  await page.getByText(`to ${savedTo}.`).waitFor();
  assert.ok(readFileSync(savedTo).length > 0);
  await page.getByRole('button', { name: 'Save to a file' }).click();
  await page.getByText('Not saved: the save dialog was cancelled.').waitFor();

  await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  // The next message opens (docs: issue 11); the acknowledged one is gone from MESH and the inbox.
  await page.getByText('Acknowledged “Catch-up list”; this is the next message in the inbox.').waitFor();
  assert.equal(admin().message(id)?.status, 'acknowledged');

  await page.getByRole('button', { name: 'Back to the inbox' }).click();
  await inboxRow('Clinic list for December').waitFor();
  assert.equal(await inboxRow('Catch-up list').count(), 0);
});

test('a message whose content is HTML with a script is shown as text and nothing runs', async () => {
  let dialogOpened = false;
  page.once('dialog', (dialog) => {
    dialogOpened = true;
    void dialog.dismiss();
  });
  await open('Inbox');
  await inboxRow('An HTML file').getByRole('button').click();
  const content = page.getByLabel('Message content');
  await content.waitFor();
  assert.equal((await content.textContent())?.trim(), '<h1>Hello</h1><script>alert("not run")</script>');
  assert.equal(await page.getByRole('heading', { name: 'Hello' }).count(), 0);
  assert.equal(await page.locator('main script').count(), 0);
  assert.equal(dialogOpened, false);
  await gui.screenshot('message-html-as-text', { fullPage: true });
});

test('a REPORT is explained: its code in words, the message it is about', async () => {
  await open('Inbox');
  const row = inboxRow('Non-delivery report');
  await row.getByText('REPORT', { exact: true }).waitFor();
  await row.click();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'What this report says' }).waitFor();
  const meaning = (await page.locator('.app-report__meaning').textContent())?.trim() ?? '';
  assert.ok(meaning.length > 20, `the code's meaning in words: "${meaning}"`);
  const about = page.locator('.app-report .nhsuk-summary-list__row').filter({ hasText: 'Code' }).locator('dd');
  assert.notEqual((await about.textContent())?.trim(), '—', 'the report code is shown');
  await gui.screenshot('message-report', { fullPage: true });
});

test('sending a file in chunks shows its progress, then the message in the Sent list with its tracking status', async () => {
  const file = join(dir, 'chunked.bin');
  writeFileSync(file, randomBytes(3 * 1024 * 1024 + 4096));
  dialogs.willOpen(file);
  // Slow each chunk a little so the progress bar can be seen moving.
  admin().addFault({ method: 'POST', path: '/outbox/[^/]+/[0-9]+$', delayMs: 300, count: 4 });
  events.length = 0;

  await open('Send file');
  await page.getByRole('button', { name: 'Choose a file' }).click();
  await page.getByText('chunked.bin (3.0 MB)').waitFor();
  await page.getByLabel('Recipient mailbox').fill('X26ABC2');
  await page.getByLabel('Workflow id').fill('TEST_WORKFLOW');
  await page.getByLabel('Subject (optional)').fill('Chunked from the GUI');
  await page.getByLabel('Chunk size in MB (optional)').fill('1');
  await page.getByLabel('Compress with gzip').uncheck();
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const bar = page.locator('progress#app-progress-bar');
  await page.waitForFunction(() => {
    const progress = document.querySelector<HTMLProgressElement>('progress#app-progress-bar');
    return !!progress && progress.value > 0 && progress.value < progress.max;
  });
  await gui.screenshot('send-progress', { fullPage: true });
  const result = page.getByText('Sent. MESH message id:');
  await result.waitFor({ timeout: 30_000 });
  assert.equal(await bar.count(), 0, 'the bar goes when the send is done');
  const messageId = (await result.locator('strong').textContent())?.trim();
  assert.ok(messageId);

  const progress = events.filter(
    (e): e is Extract<ConsoleEvent, { type: 'progress' }> => e.type === 'progress' && e.operation === 'sendFile',
  );
  assert.ok(progress.length >= 4, `one progress event per chunk at least, saw ${progress.length}`);
  assert.equal(progress.at(-1)!.done, progress.at(-1)!.total);
  assert.equal(admin().message(messageId)?.total_chunks, 4);

  const row = page.locator(`tr[data-message-id="${messageId}"]`);
  await row.waitFor();
  await row.getByRole('button', { name: /Refresh status/ }).click();
  await row.getByText('accepted', { exact: true }).waitFor();
  await gui.screenshot('send-done', { fullPage: true });
});

test('an export runs, shows as accepted, and is acknowledged once DPS has it and tracking runs; the overview lists it too', async () => {
  await open('DPS exports');
  await page.getByLabel('Programme to export').selectOption('flu');
  await page.getByRole('button', { name: 'Run export now' }).click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: /^Send \d+ records? to DPS$/ })
    .click();
  await page.getByRole('heading', { name: 'Export results' }).waitFor({ timeout: 30_000 });
  const row = page.getByRole('table', { name: 'Export history' }).locator('tbody tr').filter({ hasText: 'Flu' }).first();
  await row.getByText('accepted', { exact: true }).waitFor();
  const messageId = (await row.locator('td.app-mono').textContent())?.trim();
  assert.ok(messageId && messageId !== '—');

  await admin().pushEvent(messageId, { status: 'acknowledged' });
  await page.getByRole('button', { name: 'Check delivery with MESH' }).click();
  await row.getByText('acknowledged', { exact: true }).waitFor({ timeout: 30_000 });
  await gui.screenshot('exports', { fullPage: true });

  const exportId = await row.getAttribute('data-export-id');
  assert.ok(exportId);
  await row.getByRole('button').click();
  const history = page.getByRole('table', { name: 'Status history' });
  await history.getByText('acknowledged', { exact: true }).waitFor();
  assert.ok((await history.locator('tbody tr').count()) >= 2);
  await gui.screenshot('export-detail', { fullPage: true });

  await open('Overview');
  const recent = page.getByRole('table', { name: 'Recent exports' }).locator(`tr[data-export-id="${exportId}"]`);
  await recent.getByText('acknowledged', { exact: true }).waitFor();
  assert.equal(await recent.locator('td.app-mono').count(), 0, 'the overview keeps to file, records, status and updated');
  await recent.getByRole('button').click();
  await page.getByRole('table', { name: 'Status history' }).waitFor();
});

test('an import with bad rows is refused with each row’s error', async () => {
  const [first, second] = readFileSync(new URL('../fixtures/dps/menacwy.jsonl', import.meta.url), 'utf8').split('\n');
  const bad = join(dir, 'bad-records.jsonl');
  writeFileSync(bad, [first!.replace('"nhs_number": "9990000018"', '"nhs_number": "1234567890"'), second].join('\n') + '\n');
  dialogs.willOpen(bad);
  await open('DPS exports');
  await page.getByRole('button', { name: 'Import records from a file' }).click();
  await page.getByText('bad-records.jsonl was refused').waitFor();
  const errors = page.getByRole('table', { name: 'Rows refused' });
  await errors.locator('tbody tr').filter({ hasText: 'nhs_number' }).first().waitFor();
  await gui.screenshot('import-refused', { fullPage: true });
});

test('settings never show a secret back, and a wrong password gets its sentence', async () => {
  const secret = 'wrong-password-7f3a9c';
  await open('Settings');
  const field = page.locator('[data-secret="password"]');
  await field.getByText('Not set').waitFor();
  await page.locator('#secret-password').fill(secret);
  await field.getByRole('button', { name: /^Save/ }).click();
  await field.getByText('Mailbox password saved.').waitFor();
  await field.getByText('Set', { exact: true }).waitFor();
  assert.equal(await page.locator('#secret-password').inputValue(), '');
  assert.ok(!(await page.content()).includes(secret), 'the secret is nowhere in the page');
  assert.ok(!JSON.stringify(await service.settings()).includes(secret), 'nor in what the renderer can ask for');

  await page.getByRole('button', { name: 'Test connection', exact: true }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'The connection failed' });
  await failure.waitFor({ timeout: 30_000 });
  const sentence = (await failure.locator('p').textContent()) ?? '';
  assert.match(sentence, /password/i);
  assert.ok(!sentence.includes(secret));
  await gui.screenshot('settings-wrong-password', { fullPage: true });

  await field.getByRole('button', { name: /^Clear/ }).click();
  await field.getByText('Not set').waitFor();
});

test('the audit log lists MESH calls newest first and finds them by search', async () => {
  await open('Audit log');
  const grid = page.getByRole('grid', { name: 'Audit log' });
  await grid.locator('[aria-rowindex="2"]').getByRole('gridcell').nth(1).waitFor();
  assert.equal(gui.problems.filter((p) => p.startsWith('CSP violation')).length, 0);
  await page.getByLabel('Search').fill('acknowledge');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByText(/^[\d,]+ of [\d,]+ entries match\.$/).waitFor();
  await gui.screenshot('audit', { fullPage: true });
});

test('only the console page itself reaches the service: a frame inside it is refused', async () => {
  const fromPage = await page.evaluate(() =>
    (window as unknown as { meshConsole: { records(): Promise<unknown[]> } }).meshConsole.records(),
  );
  assert.ok(Array.isArray(fromPage) && fromPage.length > 0, 'the page calls the service');
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.name = 'intruder';
    document.body.append(frame);
  });
  const intruder = page.frame({ name: 'intruder' });
  assert.ok(intruder, 'the inner frame exists');
  const refused = await intruder.evaluate(() =>
    (window as unknown as { __meshConsoleInvoke(op: string, args: unknown[]): Promise<unknown> }).__meshConsoleInvoke('records', []).then(
      () => 'answered',
      (error: Error) => error.message,
    ),
  );
  assert.match(refused, /records was refused: only the console's own page may call it/);
  await page.evaluate(() => document.querySelector('iframe[name="intruder"]')?.remove());
});

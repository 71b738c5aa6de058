// Issue 11, "Irreversible actions", driven in Chromium against the real service on its local
// MESH server: acknowledging more than one message asks first and names how many; messages never
// saved or opened are counted in a warning; "Save and acknowledge" saves into a folder chosen once
// and acknowledges only what is on disk; acknowledging in the message view opens the next one; a
// DPS export asks first, showing the environment, both mailboxes and the records per programme.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
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

before(async () => {
  console_ = await startConsoleGui('mesh-console-irreversible-');
  ({ dir, dialogs, service, gui, page } = console_);
});

after(async () => {
  await console_?.close();
});

const open = (section: string) => console_.open(section);
const admin = () => console_.admin();
const inboxRow = (text: string) => console_.inboxRow(text);

async function idOf(text: string): Promise<string> {
  const id = await inboxRow(text).getAttribute('data-message-id');
  assert.ok(id, `the inbox lists ${text}`);
  return id;
}

async function openMessage(text: string) {
  await open('Inbox');
  await inboxRow(text).getByRole('button').click();
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
  await page.getByRole('button', { name: 'Save to a file' }).waitFor();
}

const dialog = () => page.getByRole('alertdialog');

test('acknowledging two opened messages asks first, naming how many, and Cancel acknowledges nothing', async () => {
  await openMessage('DPS acknowledgement');
  await openMessage('Clinic list for December');
  await open('Inbox');
  const ids = [await idOf('DPS acknowledgement'), await idOf('Clinic list for December')];
  await inboxRow('DPS acknowledgement').getByRole('checkbox').check();
  await inboxRow('Clinic list for December').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Acknowledge 2 selected' }).click();

  await dialog().getByRole('heading', { name: 'Acknowledge 2 messages?' }).waitFor();
  assert.equal(await dialog().getByText('never saved or opened').count(), 0, 'both were opened: no warning');
  // Focus moves once the dialog has rendered: wait for it rather than look at one moment.
  await dialog()
    .getByRole('button', { name: 'Cancel' })
    .evaluate(
      (button) =>
        new Promise<void>((resolve) => {
          const check = () => (button === document.activeElement ? resolve() : requestAnimationFrame(check));
          check();
        }),
    );
  await gui.screenshot('ack-confirm');

  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await dialog().waitFor({ state: 'detached' });
  for (const id of ids) assert.notEqual(admin().message(id)?.status, 'acknowledged', 'Cancel acknowledges nothing');

  await page.getByRole('button', { name: 'Acknowledge 2 selected' }).click();
  await dialog().getByRole('button', { name: 'Acknowledge 2 without saving' }).click();
  await page.getByText('Acknowledged 2 messages.').waitFor();
  for (const id of ids) assert.equal(admin().message(id)?.status, 'acknowledged');
  // The sentence comes before the inbox is read again: wait for the listing that follows it.
  await inboxRow('Clinic list for December').waitFor({ state: 'detached' });
  assert.equal(await inboxRow('Clinic list for December').count(), 0);
});

test(
  'messages never saved or opened are counted in a warning; ' +
    'Save and acknowledge saves them to the folder chosen once, then acknowledges',
  async () => {
    await openMessage('Catch-up list');
    await open('Inbox');
    const texts = ['Catch-up list', 'Scanned consent form', 'An HTML file'];
    const ids = [];
    for (const text of texts) {
      ids.push(await idOf(text));
      await inboxRow(text).getByRole('checkbox').check();
    }
    await page.getByRole('button', { name: 'Acknowledge 3 selected' }).click();
    await dialog().getByRole('heading', { name: 'Acknowledge 3 messages?' }).waitFor();
    await dialog().getByText('2 of these were never saved or opened.').waitFor();
    await dialog().getByText('Save and acknowledge asks once for a folder').waitFor();
    await gui.screenshot('ack-unsaved-warning');

    const folder = join(dir, 'saved-messages');
    mkdirSync(folder);
    dialogs.willOpen(folder);
    const asked = dialogs.asked.length;
    await dialog().getByRole('button', { name: 'Save and acknowledge' }).click();
    await page.getByText(`Saved and acknowledged 3 messages; the files are in ${folder}.`).waitFor();
    assert.equal(dialogs.asked.length, asked + 1, 'the folder is asked for once');
    assert.deepEqual(readdirSync(folder).sort(), ['letter.txt', 'page.html', 'scan.bin']);
    assert.match(readFileSync(join(folder, 'letter.txt'), 'utf8'), /catch-up list for the spring term/);
    for (const id of ids) assert.equal(admin().message(id)?.status, 'acknowledged');
    for (const text of texts) {
      await inboxRow(text).waitFor({ state: 'detached' });
      assert.equal(await inboxRow(text).count(), 0);
    }
  },
);

test('a message that cannot be saved is not acknowledged', async () => {
  await open('Inbox');
  const id = await idOf('A chunked message');
  // The chosen folder has gone (a removed USB stick, a renamed share): nothing can be written there.
  const folder = join(dir, 'saved-messages');
  rmSync(folder, { recursive: true });
  const result = await service.saveAndAcknowledge([id]);
  assert.equal(result?.folder, folder, 'the folder chosen once is used again without asking');
  assert.equal(result.results[0]!.ok, false);
  assert.match(result.results[0]!.error!, /^Not acknowledged, because it could not be saved: /);
  assert.notEqual(admin().message(id)?.status, 'acknowledged');
  mkdirSync(folder);
});

test('acknowledging in the message view opens the next message', async () => {
  const fresh = admin();
  const sender = service.runtime.localClient('X26ABC2');
  for (const subject of ['First of two', 'Second of two']) {
    await sender.send({
      to: 'X26ABC1',
      workflowId: 'TEST_WORKFLOW',
      fileName: `${subject}.txt`,
      subject,
      source: { data: Buffer.from(subject) },
    });
  }
  await open('Inbox');
  await page.getByRole('button', { name: 'Check MESH now' }).click();
  await inboxRow('Second of two').waitFor();
  const first = await idOf('First of two');
  await inboxRow('First of two').getByRole('button').click();
  await page.getByRole('heading', { level: 1, name: 'First of two' }).waitFor();
  await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();

  await page.getByRole('heading', { level: 1, name: 'Second of two' }).waitFor();
  await page.getByText('Acknowledged “First of two”; this is the next message in the inbox.').waitFor();
  await page.getByRole('button', { name: 'Save to a file' }).waitFor();
  assert.equal(fresh.message(first)?.status, 'acknowledged');
  await gui.screenshot('message-next-after-ack', { fullPage: true });

  // Save and acknowledge from the message view: the folder chosen before, no dialog; the last message leaves the view on it.
  const asked = dialogs.asked.length;
  await page.getByRole('button', { name: 'Save and acknowledge' }).click();
  const savedAs = join(dir, 'saved-messages', 'Second of two.txt');
  await page.getByText(`Saved “Second of two” to ${savedAs} and acknowledged it; this is the next message in the inbox.`).waitFor();
  assert.equal(readFileSync(savedAs, 'utf8'), 'Second of two');
  assert.equal(dialogs.asked.length, asked, 'the folder is not asked for again');

  // The folder can be changed in the question before acknowledging.
  await open('Inbox');
  const rows = page.getByRole('grid', { name: 'Inbox messages' }).locator('[data-message-id]');
  // count() does not wait: the inbox may still be loading when the section opens.
  await rows.first().waitFor();
  const rest = await rows.count();
  await page.getByRole('checkbox', { name: 'Select every message' }).check();
  await page.getByRole('button', { name: `Acknowledge ${rest} selected` }).click();
  await dialog()
    .getByText(`to ${join(dir, 'saved-messages')} first.`)
    .waitFor();
  const elsewhere = join(dir, 'elsewhere');
  mkdirSync(elsewhere);
  dialogs.willOpen(elsewhere);
  await dialog().getByRole('button', { name: 'Choose another folder' }).click();
  await dialog().getByText(`to ${elsewhere} first.`).waitFor();
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await service.acknowledgeCheck(['any'])).saveFolder, elsewhere, 'the new folder is kept');
});

test('a DPS export asks first: environment, from and to mailboxes, records per programme; Cancel sends nothing', async () => {
  await open('DPS exports');
  await page.getByRole('table', { name: 'Records per programme' }).waitFor();
  const unsent = Object.fromEntries((await service.records()).map((r) => [r.programme, r.unsent]));
  await page.getByRole('button', { name: 'Run export now' }).click();
  const total = Object.values(unsent).reduce((a, b) => a + b, 0);
  await dialog()
    .getByRole('heading', { name: `Send ${total} records to DPS?` })
    .waitFor();
  assert.equal(await dialog().locator('[data-environment]').textContent(), 'Environment: Local sandbox');
  await dialog().getByText('This is the local sandbox, so the files stay on this computer.').waitFor();
  const overview = await service.overview();
  await dialog().getByText(overview.mailbox, { exact: true }).waitFor();
  await dialog().getByText(overview.dpsMailbox, { exact: true }).waitFor();
  const rows = await dialog()
    .getByRole('table', { name: 'Records to send per programme' })
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(
    rows.map((r) => r[1]),
    Object.values(unsent)
      .filter((n) => n > 0)
      .map(String),
  );

  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await dialog().waitFor({ state: 'detached' });
  assert.deepEqual(await service.exports(), [], 'Cancel sends nothing');

  await page.getByRole('button', { name: 'Run export now' }).click();
  await dialog()
    .getByRole('button', { name: `Send ${total} records to DPS` })
    .click();
  await page.getByRole('heading', { name: 'Export results' }).waitFor({ timeout: 30_000 });
  assert.ok((await service.exports()).length > 0);
  assert.deepEqual(gui.problems, []);
});

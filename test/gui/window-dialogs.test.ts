// `npm start`'s Chromium fallback chooses files in its window (scripts/window-dialogs.ts), never in
// the terminal: the real service asks, a dialog over the console offers the browser's own file
// chooser, and main gets the path from Chromium, not from the page. Here the chooser is answered
// through Playwright's filechooser event, as an operator's pick would answer it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import type { ConsoleService } from '../../main/app/service';
import { windowDialogs } from '../../scripts/window-dialogs';
import type { Gui } from './support/harness';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

let console_: ConsoleGui;
let dir: string;
let service: ConsoleService;
let gui: Gui;
let page: Page;

before(async () => {
  console_ = await startConsoleGui('mesh-console-window-dialogs-', { dialogs: windowDialogs });
  ({ dir, service, gui, page } = console_);
});

after(async () => {
  await console_?.close();
});

const open = (section: string) => page.getByRole('navigation').getByRole('button', { name: section, exact: true }).click();

test('the file to send is chosen in the window; main sends the file it found on disk', async () => {
  const file = join(dir, 'picked.txt');
  writeFileSync(file, 'chosen in the window\n');
  await open('Send file');
  await page.getByRole('button', { name: 'Choose a file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Choose the file to send' });
  await dialog.waitFor();
  await gui.screenshot('window-dialog-open');
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByLabel('File').click();
  await (await chooser).setFiles(file);
  await page.getByText('picked.txt (21 bytes)').waitFor();
  assert.equal(await dialog.count(), 0, 'the dialog goes once the file is chosen');

  await page.getByLabel('Recipient mailbox').fill('X26ABC2');
  await page.getByLabel('Workflow id').fill('TEST_WORKFLOW');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const result = page.getByRole('status', { name: 'Sent' });
  await result.waitFor({ timeout: 30_000 });
  const messageId = (await result.locator('strong').first().textContent())?.trim();
  assert.equal(service.runtime.local!.server.admin.message(messageId!)?.file_size, 21);
});

test('Cancel in the window chooses nothing', async () => {
  await open('Send file');
  await page.getByRole('button', { name: 'Choose a file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Choose the file to send' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('No file chosen.').waitFor();
});

test('where to save a message is a folder chosen in the window and a name typed there', async () => {
  const folder = join(dir, 'saved');
  mkdirSync(folder);
  writeFileSync(join(folder, 'already-here.txt'), 'x');
  await open('Inbox');
  const row = page.getByRole('grid', { name: 'Inbox messages' }).getByRole('row').filter({ hasText: 'Clinic list for December' });
  await row.getByRole('button').first().click();
  await page.getByRole('button', { name: 'Save to a file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save the message' });
  await dialog.waitFor();
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByLabel('Folder').click();
  await (await chooser).setFiles(folder);
  // A name already in the folder is asked for again, never replaced.
  await dialog.getByLabel('File name').fill('already-here.txt');
  await dialog.getByRole('button', { name: 'Save here' }).click();
  await dialog.getByText('already-here.txt is already in that folder: choose another name.').waitFor();
  assert.equal(readFileSync(join(folder, 'already-here.txt'), 'utf8'), 'x');
  const again = page.waitForEvent('filechooser');
  await dialog.getByLabel('Folder').click();
  await (await again).setFiles(folder);
  await dialog.getByLabel('File name').fill('clinic-list.csv');
  await dialog.getByRole('button', { name: 'Save here' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page
    .getByRole('status')
    .filter({ hasText: /^Saved .* to .*clinic-list\.csv\.$/ })
    .waitFor();
  assert.ok(readFileSync(join(folder, 'clinic-list.csv')).length > 0, 'saved where the window said');
});

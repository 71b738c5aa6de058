// Issue 13, the Folders screen, in Chromium against the real service on its local MESH server:
// the folders and their rule, Run now sending a real .dat/.ctl pair from OUT and receiving the
// message the workflow filter takes into IN, a folder opened through the file manager port, and the
// warning about messages near MESH's 5-day expiry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

const DAY_MS = 24 * 60 * 60 * 1000;
let console_: ConsoleGui;
let mailbox: string;
/** How far the console's clock for ages runs ahead of the real one. */
let ahead = 0;
const shown: string[] = [];
let folderShown: () => void = () => undefined;

before(async () => {
  console_ = await startConsoleGui('mesh-console-folders-gui-', {
    settings: (dir) => {
      mailbox = join(dir, 'mailbox');
      return { folders: { out: join(mailbox, 'OUT'), in: join(mailbox, 'IN'), workflow_filter: 'TEST_WORKFLOW_ACK' } };
    },
    fileManager: {
      async showFolder(path) {
        shown.push(path);
        folderShown();
      },
    },
    now: () => new Date(Date.now() + ahead),
  });
});

after(async () => {
  await console_?.close();
});

const CONTROL =
  '<DTSControl><Version>1.0</Version><AddressType>DTS</AddressType><MessageType>Data</MessageType>' +
  '<To_DTS>X26ABC2</To_DTS><WorkflowId>TEST_WORKFLOW</WorkflowId><Subject>Referral batch</Subject><LocalId>ref-48</LocalId></DTSControl>';

test('the Folders screen shows the folders, runs a pass that sends a pair and receives a message, and opens a folder', async () => {
  const { page, service } = console_;
  const acknowledgement = (await service.inbox({})).find((item) => item.subject === 'DPS acknowledgement');
  assert.ok(acknowledgement, 'the demo inbox has the DPS acknowledgement (workflow TEST_WORKFLOW_ACK)');

  await console_.open('Mailbox folders');
  await page.getByRole('heading', { level: 1, name: 'Mailbox folders' }).waitFor();
  await page.getByText(join(mailbox, 'OUT'), { exact: true }).waitFor();
  await page.getByText('Messages whose workflow matches TEST_WORKFLOW_ACK').waitFor();
  await page.getByText('None: a file without a control file goes to FAILED').waitFor();
  await page.getByText(/Scheduled jobs are off, so the console does not keep the folders/).waitFor();
  assert.equal(await page.getByText('Messages close to expiry').count(), 0, 'nothing has waited 4 days');

  const opened = new Promise<void>((resolve) => (folderShown = resolve));
  await page.getByRole('button', { name: 'Open the SENT folder' }).click();
  await opened;
  assert.deepEqual(shown, [join(mailbox, 'SENT')]);

  mkdirSync(join(mailbox, 'OUT'), { recursive: true });
  writeFileSync(join(mailbox, 'OUT', 'referrals.dat'), 'nhs_number,clinic\n9990000018,A\n');
  writeFileSync(join(mailbox, 'OUT', 'referrals.ctl'), CONTROL);
  // The console's clock runs 4½ days ahead from here: everything still in the inbox has waited "too long".
  ahead = 4.5 * DAY_MS;
  await page.getByRole('button', { name: 'Run now' }).click();

  const thisPass = page.getByRole('table', { name: 'What this pass did' });
  const sentRow = thisPass.getByRole('row').filter({ hasText: 'referrals.dat' });
  await sentRow.getByText('sent', { exact: true }).waitFor();
  const messageId = (await sentRow.locator('td').nth(3).textContent())?.trim();
  assert.ok(messageId && messageId !== '—', 'the row names the message id');
  await thisPass.getByRole('row').filter({ hasText: acknowledgement.messageId }).getByText('received', { exact: true }).waitFor();
  await page.getByText('1 file sent, 1 message received').first().waitFor();

  // What the screen says happened, happened: the recipient has the pair's file, IN has the message, and it left the inbox.
  const recipient = service.runtime.localClient('X26ABC2');
  try {
    const metadata = await recipient.metadata(messageId);
    assert.equal(metadata.subject, 'Referral batch');
    assert.equal(metadata.workflowId, 'TEST_WORKFLOW');
  } finally {
    await recipient.close();
  }
  assert.deepEqual(readdirSync(join(mailbox, 'SENT')).sort(), ['referrals.ctl', 'referrals.dat']);
  assert.match(readFileSync(join(mailbox, 'IN', `${acknowledgement.messageId}.dat`), 'utf8'), /Vaccinations-Flu-2026-11-24\.csv/);
  const left = await service.inbox({});
  assert.ok(!left.some((item) => item.messageId === acknowledgement.messageId), 'acknowledged once in IN');

  const warning = page.locator('.nhsuk-warning-callout').filter({ hasText: 'Messages close to expiry' });
  await warning.waitFor();
  await warning.getByText(`${left.length} messages have waited in the inbox for more than 4 days`).waitFor();
  await page.getByRole('heading', { name: 'Last passes' }).waitFor();
  await console_.gui.screenshot('folders', { fullPage: true });

  await warning.getByRole('button', { name: 'Open inbox' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
});

test('a folder is changed through the system dialog, and one that clashes with another is refused in one sentence', async () => {
  const { page, dialogs, dir } = console_;
  await console_.open('Mailbox folders');
  const failed = join(dir, 'elsewhere', 'FAILED');
  dialogs.willOpen(failed);
  await page.getByRole('button', { name: 'Change the FAILED folder' }).click();
  await page.getByText(failed, { exact: true }).waitFor();
  assert.ok(dialogs.asked.includes('Choose the FAILED folder: files MESH could not take are moved here, with the reason'));
  const saved = JSON.parse(readFileSync(join(dir, 'data', 'settings.json'), 'utf8')) as { folders: Record<string, string> };
  assert.equal(saved.folders.failed, failed);

  dialogs.willOpen(join(mailbox, 'IN'));
  await page.getByRole('button', { name: 'Change the SENT folder' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The folders were not changed' });
  await refusal.getByText(/“SENT folder” is the same folder as “IN folder”/).waitFor();
  const after = JSON.parse(readFileSync(join(dir, 'data', 'settings.json'), 'utf8')) as { folders: Record<string, string> };
  assert.equal(after.folders.sent, undefined, 'nothing was saved');
});

test('the workflow filter and the folder rule are saved from the screen; half a rule is refused in one sentence', async () => {
  const { page, dir } = console_;
  await console_.open('Mailbox folders');
  const settings = () =>
    (JSON.parse(readFileSync(join(dir, 'data', 'settings.json'), 'utf8')) as { folders: Record<string, string> }).folders;

  await page.getByLabel('Workflow filter').fill('');
  await page.getByLabel('Send to', { exact: true }).fill('X26ABC2');
  await page.getByLabel('Send with workflow', { exact: true }).fill('TEST_WORKFLOW');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('A file without a control file goes to X26ABC2 on workflow TEST_WORKFLOW').waitFor();
  await page.getByText('Every message', { exact: true }).waitFor();
  assert.equal(settings().to, 'X26ABC2');
  assert.equal(settings().send_workflow, 'TEST_WORKFLOW');
  assert.equal(settings().workflow_filter, undefined);

  await page.getByLabel('Send with workflow', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The folder settings were not saved' });
  const halfARule =
    '“Send with workflow” is missing: the folder rule needs both a recipient (“Send to”) ' +
    'and a workflow (“Send with workflow”), or neither.';
  await refusal.getByText(halfARule).waitFor();
  assert.equal(settings().send_workflow, 'TEST_WORKFLOW', 'nothing was saved');
});

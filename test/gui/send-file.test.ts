// Issue 11, "Send and import" (send), driven in Chromium against the real service on its local
// MESH server: Cancel stops a chunked send between chunks and says what MESH now holds; after a
// success the form clears and the ids can be copied; recent recipients and workflows are offered;
// a file dropped on the window is sent, and a "file" made by the page itself is refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

let console_: ConsoleGui;

before(async () => {
  console_ = await startConsoleGui('mesh-console-send-file-');
});

after(async () => {
  await console_?.close();
});

async function address(to: string, workflow: string) {
  const { page } = console_;
  await page.getByLabel('Recipient mailbox').fill(to);
  await page.getByLabel('Workflow id').fill(workflow);
}

test('Cancel stops a chunked send between chunks and says MESH holds an incomplete message it never delivers', async () => {
  const { page, dir, dialogs, gui } = console_;
  const admin = console_.admin();
  const file = join(dir, 'five-chunks.bin');
  writeFileSync(file, randomBytes(5 * 1024 * 1024));
  dialogs.willOpen(file);
  // Chunks 2 to 5 each wait at the server, so the click lands while a chunk is on the wire whatever the load.
  admin.addFault({ method: 'POST', path: '/outbox/[^/]+/[0-9]+$', delayMs: 1500, count: 4 });

  await console_.open('Send file');
  await page.getByRole('button', { name: 'Choose a file' }).click();
  await page.getByText('five-chunks.bin (5.0 MB)').waitFor();
  await address('X26ABC2', 'TEST_WORKFLOW');
  await page.getByLabel('Chunk size in MB (optional)').fill('1');
  await page.getByLabel('Compress with gzip').uncheck();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.waitForFunction(() => {
    const progress = document.querySelector<HTMLProgressElement>('progress#app-progress-bar');
    return !!progress && progress.value > 0;
  });
  await page.getByRole('button', { name: 'Cancel sending' }).click();

  const problem = page.locator('.nhsuk-error-summary, [role="alert"]').filter({ hasText: 'The send was cancelled' });
  await problem.waitFor({ timeout: 60_000 });
  const text = (await problem.textContent()) ?? '';
  const said =
    /cancelled after (\d) of 5 chunks: MESH holds message (\S+) as an incomplete upload, which is never delivered to X26ABC2/.exec(text);
  assert.ok(said, `the sentence says what MESH holds: ${text}`);
  const [, sentChunks, messageId] = said;
  assert.ok(Number(sentChunks) >= 1 && Number(sentChunks) < 5);
  await gui.screenshot('send-cancelled', { fullPage: true });

  const held = admin.message(messageId!);
  assert.equal(held?.status, 'uploading', 'MESH keeps it as an upload waiting for its chunks');
  assert.equal(held?.total_chunks, 5);
  assert.equal(await page.getByLabel('Recipient mailbox').inputValue(), 'X26ABC2', 'a cancelled send keeps the form, to send again');
  assert.equal(await page.locator('progress#app-progress-bar').count(), 0);
  const listed = page.locator(`tr[data-message-id="${messageId}"]`);
  await listed.getByText('uploading', { exact: true }).waitFor();
  await listed.getByText(`cancelled after ${sentChunks} of 5 chunks`, { exact: false }).waitFor();
  admin.clearFaults();
});

test('after a success the form clears, the ids can be copied, and recent recipients and workflows are offered', async () => {
  const { page, dir, dialogs, gui } = console_;
  await gui.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const file = join(dir, 'report.csv');
  writeFileSync(file, 'a,b\n1,2\n');
  dialogs.willOpen(file);
  await console_.open('Send file');
  await page.getByRole('button', { name: /Choose (a|another) file/ }).click();
  await page.getByText('report.csv (8 bytes)').waitFor();
  await address('x26abc3', 'TEST_WORKFLOW2'); // registered for X26ABC1 → X26ABC3: the local server is strict
  await page.getByLabel('Local id (optional)').fill('clinic-list-7');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const result = page.getByRole('status', { name: 'Sent' });
  await result.waitFor({ timeout: 30_000 });
  await result.getByText('report.csv to X26ABC3.').waitFor();
  const messageId = (await result.locator('strong').first().textContent())?.trim();
  assert.ok(messageId);
  assert.equal(console_.admin().message(messageId)?.status, 'accepted');

  for (const label of ['Recipient mailbox', 'Workflow id', 'Local id (optional)', 'File name the recipient sees'])
    assert.equal(await page.getByLabel(label).inputValue(), '', `${label} is cleared`);
  await page.getByText('No file chosen.').waitFor();
  assert.equal(await page.getByLabel('Compress with gzip').isChecked(), true);

  await result.getByRole('button', { name: 'Copy the message id' }).click();
  await result.getByText('Copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), messageId);
  await result.getByRole('button', { name: 'Copy the local id' }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'clinic-list-7');

  // Newest first: this send's, then the cancelled one's (MESH holds it, so the sent list keeps it).
  const options = (id: string) =>
    page.locator(`datalist#${id} option`).evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));
  // The lists are fetched again after the send; until then they hold only the earlier send's.
  await page.waitForFunction(
    () => (document.querySelector('datalist#recent-recipients option') as HTMLOptionElement | null)?.value === 'X26ABC3',
  );
  assert.deepEqual(await options('recent-recipients'), ['X26ABC3', 'X26ABC2']);
  assert.deepEqual(await options('recent-workflows'), ['TEST_WORKFLOW2', 'TEST_WORKFLOW']);
  assert.equal(await page.getByLabel('Recipient mailbox').getAttribute('list'), 'recent-recipients');
  await gui.screenshot('send-done-cleared', { fullPage: true });
});

/** Drops files on the send form as the desktop would: `real` from disk (picked through a file input), or made by the page. */
async function drop(source: { real: string } | { madeInPage: string }) {
  const { page } = console_;
  const zone = page.locator('[data-drop-zone="send-file"]');
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  if ('real' in source) {
    const input = page.locator('input#test-drop-source');
    if ((await input.count()) === 0)
      await page.evaluate(() => {
        const element = document.createElement('input');
        element.type = 'file';
        element.id = 'test-drop-source';
        element.hidden = true;
        document.body.append(element);
      });
    await input.setInputFiles(source.real);
    await page.evaluate(([transfer, element]) => transfer.items.add((element as HTMLInputElement).files![0]!), [
      dataTransfer,
      await input.elementHandle(),
    ] as const);
  } else {
    await page.evaluate(([transfer, name]) => transfer.items.add(new File(['not from disk'], name)), [
      dataTransfer,
      source.madeInPage,
    ] as const);
  }
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

test('a file dropped on the form is chosen by main from its place on disk and sent; a file made by the page is refused', async () => {
  const { page, dir } = console_;
  await console_.open('Send file');
  await drop({ madeInPage: 'invented.txt' });
  await page.getByText('What was dropped is not a file on this computer').waitFor();
  await page.getByText('No file chosen.').waitFor();

  const file = join(dir, 'dropped.txt');
  writeFileSync(file, 'dropped from the desktop\n');
  await drop({ real: file });
  await page.getByText('dropped.txt (25 bytes)').waitFor();
  assert.equal(await page.getByText('What was dropped is not a file').count(), 0, 'the earlier refusal is gone');
  await address('X26ABC2', 'TEST_WORKFLOW');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const result = page.getByRole('status', { name: 'Sent' });
  await result.waitFor({ timeout: 30_000 });
  const messageId = (await result.locator('strong').first().textContent())?.trim();
  const sent = console_.admin().message(messageId!);
  assert.equal(sent?.file_size, 25);
});

// Issue 11, "Inbox triage", in Chromium against the real service on its local MESH server: sorting
// by every column, searching every named field, the size column in the shared units, full text on
// hover, read marks that survive a refresh and a restart, Next and Previous in the inbox's order,
// the shortcuts list, new messages announced, a chunked save's progress, and (issue 13) messages
// waiting more than 4 days flagged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatBytes, type InboxItem } from '../../preload/api';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

let cg: ConsoleGui;

before(async () => {
  cg = await startConsoleGui('mesh-console-inbox-triage-');
});

after(async () => {
  await cg?.close();
});

const page = () => cg.page;
const grid = () => page().getByRole('grid', { name: 'Inbox messages' });
const LONG_SUBJECT = 'Triage: the quarterly roster for every school in the county, with the consent forms still outstanding';

async function send(
  from: string,
  fields: { subject: string; fileName: string; workflowId?: string; localId?: string },
  data: Buffer,
  chunkSizeBytes?: number,
) {
  const sent = await cg.service.runtime.localClient(from).send({
    to: 'X26ABC1',
    // The workflows the console's local server registers for each sender to X26ABC1 (it is strict, as NHS MESH).
    workflowId: fields.workflowId ?? (from === 'X26ABC3' ? 'TEST_WORKFLOW2' : 'TEST_WORKFLOW'),
    subject: fields.subject,
    fileName: fields.fileName,
    compress: false,
    source: { data },
    ...(fields.localId ? { localId: fields.localId } : {}),
    ...(chunkSizeBytes ? { chunkSizeBytes } : {}),
  });
  return sent.messageId;
}

/** The grid's rows, in the order shown (every row is rendered: these tests hold a screenful). */
async function shownIds(): Promise<string[]> {
  return grid()
    .locator('[data-message-id]')
    .evaluateAll((rows) =>
      rows
        .map((row) => ({ id: row.getAttribute('data-message-id')!, index: Number(row.getAttribute('aria-rowindex')) }))
        .sort((a, b) => a.index - b.index)
        .map((row) => row.id),
    );
}

/** Waits for the grid to show exactly these rows in this order (the listing loads as the screen opens). */
async function shownInOrder(ids: string[], what: string): Promise<void> {
  try {
    await page().waitForFunction(
      (wanted) =>
        [...document.querySelectorAll('[data-message-id]')]
          .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
          .map((row) => row.getAttribute('data-message-id'))
          .join() === wanted.join(),
      ids,
      { timeout: 10_000 },
    );
  } catch {
    assert.deepEqual(await shownIds(), ids, what);
  }
}

async function openInbox(): Promise<void> {
  await cg.open('Inbox');
  await grid().locator('[data-message-id]').first().waitFor();
}

async function search(text: string): Promise<void> {
  await page().getByLabel('Search', { exact: true }).fill(text);
  await page().waitForFunction(
    (wanted) => (document.querySelector('.app-count')?.textContent ?? '').includes(wanted ? 'found' : 'message'),
    text.trim(),
  );
}

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });
const KEYS: Record<string, (item: InboxItem) => string | number | undefined> = {
  Sender: (i) => i.sender,
  Workflow: (i) => i.workflowId,
  Subject: (i) => i.subject,
  'File name': (i) => i.fileName,
  Type: (i) => i.messageType,
  Size: (i) => i.size,
  Received: (i) => (i.receivedAt ? Date.parse(i.receivedAt) : undefined),
  Age: (i) => (i.receivedAt ? -Date.parse(i.receivedAt) : undefined),
};

/** Each neighbour pair in order by the column (ties allowed), the messages without a value last. */
function assertSortedBy(column: string, ids: string[], byId: Map<string, InboxItem>, descending: boolean): void {
  const key = KEYS[column]!;
  const keys = ids.map((id) => key(byId.get(id)!));
  for (let i = 1; i < keys.length; i++) {
    const [a, b] = [keys[i - 1], keys[i]];
    const aMissing = a === undefined || a === '';
    const bMissing = b === undefined || b === '';
    if (bMissing) continue;
    assert.ok(!aMissing, `${column}: a message without a value comes before one with (${ids[i - 1]})`);
    const order = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
    assert.ok(descending ? order >= 0 : order <= 0, `${column} ${descending ? 'descending' : 'ascending'}: ${a} then ${b}`);
  }
}

test('sorting by every column both ways, searching every named field, sizes in the shared units and full text on hover', async () => {
  const triage = [
    await send('X26ABC3', { subject: LONG_SUBJECT, fileName: 'triage-county.csv', localId: 'LOCAL-ZEBRA-7' }, Buffer.alloc(3000, 65)),
    await send(
      'X26ABC2',
      { subject: 'Triage: small note', fileName: 'triage-note.txt', workflowId: 'TEST_WORKFLOW_ACK' },
      Buffer.from('ok'),
    ),
    await send('X26ABC2', { subject: 'Triage: medium list', fileName: 'triage-medium.csv' }, Buffer.alloc(150 * 1024, 66)),
  ];
  await openInbox();
  await page().getByRole('button', { name: 'Check MESH now' }).click();
  await cg.inboxRow('Triage: medium list').waitFor();
  // Sizes are known once a message has been opened: open the three, coming back each time.
  for (const subject of [LONG_SUBJECT, 'Triage: small note', 'Triage: medium list']) {
    await cg.inboxRow(subject).getByRole('button').first().click();
    await page().getByRole('button', { name: 'Save to a file' }).waitFor();
    await page().getByRole('button', { name: 'Back to the inbox' }).click();
  }
  await cg.inboxRow('Triage: medium list').waitFor();

  const items = await cg.service.inbox({});
  const byId = new Map(items.map((i) => [i.messageId, i]));
  const cell = (id: string, column: number) => grid().locator(`[data-message-id="${id}"] [role=gridcell]`).nth(column);
  // Size: the shared units once known; a dash, with the reason on hover, before.
  for (const id of triage) assert.equal(await cell(id, 6).textContent(), formatBytes(byId.get(id)!.size!));
  assert.equal(await cell(triage[2]!, 6).textContent(), '150 KB');
  const unopened = items.find((i) => i.fileName === 'scan.bin')!;
  assert.equal(await cell(unopened.messageId, 6).textContent(), '—');
  assert.match((await cell(unopened.messageId, 6).getAttribute('title'))!, /MESH tells a message’s size only by sending it/);
  // Full workflow and subject on hover.
  assert.equal(await cell(triage[0]!, 3).getAttribute('title'), LONG_SUBJECT);
  assert.equal(await cell(triage[1]!, 2).getAttribute('title'), 'TEST_WORKFLOW_ACK');

  for (const column of Object.keys(KEYS)) {
    const header = grid().getByRole('columnheader', { name: column, exact: false }).getByRole('button');
    await header.click();
    await grid().locator(`[role=columnheader][aria-sort=ascending]`).filter({ hasText: column }).waitFor();
    assertSortedBy(column, await shownIds(), byId, false);
    await header.click();
    await grid().locator(`[role=columnheader][aria-sort=descending]`).filter({ hasText: column }).waitFor();
    assertSortedBy(column, await shownIds(), byId, true);
    assert.equal((await shownIds()).length, items.length, 'sorting hides nothing');
  }

  // Search: each field finds exactly the messages holding the text in any of the six fields.
  const fields = (i: InboxItem) => [i.sender, i.workflowId, i.subject, i.fileName, i.localId, i.messageId].join('\n').toLowerCase();
  const someId = items.find((i) => i.fileName === 'letter.txt')!.messageId;
  const searches: [string, string][] = [
    ['sender', 'x26abc3'],
    ['workflow', 'WORKFLOW_ACK'],
    ['subject', 'consent form'],
    ['file name', 'triage-medium'],
    ['local id', 'zebra-7'],
    ['message id', someId.slice(-10)],
  ];
  for (const [field, text] of searches) {
    await search(text);
    const expected = items.filter((i) => fields(i).includes(text.toLowerCase())).map((i) => i.messageId);
    assert.ok(expected.length > 0 && expected.length < items.length, `the ${field} search is a real test (${expected.length})`);
    assert.deepEqual((await shownIds()).sort(), expected.sort(), `searching by ${field} for “${text}”`);
  }

  // The screenshot: the triage messages, largest first.
  await search('triage');
  await grid().getByRole('columnheader', { name: 'Size' }).getByRole('button').click();
  await grid().getByRole('columnheader', { name: 'Size' }).getByRole('button').click();
  await grid().locator('[role=columnheader][aria-sort=descending]').filter({ hasText: 'Size' }).waitFor();
  assert.deepEqual(await shownIds(), [triage[2], triage[0], triage[1]]);
  await cg.gui.screenshot('inbox-sorted-searched');
  assert.deepEqual(cg.gui.problems, []);
});

test('Next and Previous follow the inbox as sorted and searched, by button and by the n and p keys; Esc goes back', async () => {
  await openInbox();
  await search('triage');
  const header = grid().getByRole('columnheader', { name: 'Subject' }).getByRole('button');
  while ((await grid().getByRole('columnheader', { name: 'Subject' }).getAttribute('aria-sort')) !== 'ascending') await header.click();
  const order = await shownIds();
  assert.equal(order.length, 3);
  const subjects = [];
  for (const id of order) subjects.push((await cg.service.inbox({})).find((i) => i.messageId === id)!.subject!);
  const heading = (subject: string) => page().getByRole('heading', { level: 1, name: subject });

  await cg.inboxRow(subjects[0]!).getByRole('button').first().click();
  await heading(subjects[0]!).waitFor();
  await page().getByText('1 of 3').waitFor();
  assert.equal(await page().getByRole('button', { name: 'Previous' }).isDisabled(), true, 'nothing before the first');
  await page().getByRole('button', { name: 'Next' }).click();
  await heading(subjects[1]!).waitFor();
  await page().getByText('2 of 3').waitFor();
  await page().getByRole('button', { name: 'Save to a file' }).waitFor();
  await gui().screenshot('message-next', { fullPage: true });
  await page().keyboard.press('n');
  await heading(subjects[2]!).waitFor();
  assert.equal(await page().getByRole('button', { name: 'Next' }).isDisabled(), true, 'nothing after the last');
  await page().keyboard.press('p');
  await heading(subjects[1]!).waitFor();
  await page().keyboard.press('Escape');
  await grid().waitFor();
  assert.equal(await page().getByLabel('Search', { exact: true }).inputValue(), 'triage', 'the search is kept on the way back');
  await shownInOrder(order, 'and the order');
});

function gui() {
  return cg.gui;
}

test('the keyboard shortcuts are listed in one place, from the header and by the ? key', async () => {
  await openInbox();
  const dialog = page().getByRole('dialog', { name: 'Keyboard shortcuts' });
  await page().getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await dialog.waitFor();
  for (const does of ['Next message, in the inbox’s order', 'Previous message', 'Search the messages', 'Open the message']) {
    await dialog.getByText(does).waitFor();
  }
  await gui().screenshot('keyboard-shortcuts');
  await page().keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  await grid().locator('.app-grid__scroll').focus();
  await page().keyboard.press('?');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  // Typed into the search, ? is a character, not a shortcut.
  await page().getByLabel('Search', { exact: true }).fill('');
  await page().getByLabel('Search', { exact: true }).press('?');
  assert.equal(await dialog.count(), 0);
  assert.equal(await page().getByLabel('Search', { exact: true }).inputValue(), '?');
  await search('');
});

test('opened messages stay marked read after Check MESH now and after a restart of the service', async () => {
  await openInbox();
  const readRow = cg.inboxRow('Catch-up list');
  await readRow.getByRole('button').first().click();
  await page().getByRole('button', { name: 'Save to a file' }).waitFor();
  await page().getByRole('button', { name: 'Back to the inbox' }).click();
  const isRead = async (text: string) => {
    const row = cg.inboxRow(text);
    await row.waitFor();
    const [flag, bold] = await row.evaluate((el) => [el.getAttribute('data-read'), getComputedStyle(el).fontWeight]);
    assert.equal(bold === '700', flag === 'false', `${text}: bold exactly when unread`);
    return flag === 'true';
  };
  assert.equal(await isRead('Catch-up list'), true);
  assert.equal(await isRead('Scanned consent form'), false);

  await page().getByRole('button', { name: 'Check MESH now' }).click();
  await page().getByRole('button', { name: 'Check MESH now' }).waitFor();
  assert.equal(await isRead('Catch-up list'), true, 'after asking MESH again');

  await cg.restart();
  await openInbox();
  assert.equal(await isRead('Catch-up list'), true, 'after a restart');
  assert.equal(await isRead('Scanned consent form'), false);
  const stored = JSON.parse(readFileSync(join(cg.dir, 'data', 'read-marks.json'), 'utf8')) as { messages: Record<string, unknown> };
  const id = await cg.inboxRow('Catch-up list').getAttribute('data-message-id');
  assert.ok(id && stored.messages[id], 'kept in the data folder');
});

test('new messages are announced: the header counts the unopened ones and a notice says what arrived', async () => {
  await openInbox();
  const badge = page().locator('.app-header__badge');
  await badge.waitFor();
  const unread = async () => Number(await badge.getAttribute('data-unread'));
  const before = (await cg.service.inbox({})).filter((i) => !i.read).length;
  await page().waitForFunction((n) => document.querySelector('.app-header__badge')?.getAttribute('data-unread') === String(n), before);
  assert.equal(await badge.textContent(), `${before} new messages`);

  await send('X26ABC2', { subject: 'Arrived one', fileName: 'arrived-1.txt' }, Buffer.from('1'));
  await send('X26ABC3', { subject: 'Arrived two', fileName: 'arrived-2.txt' }, Buffer.from('2'));
  await page().getByRole('button', { name: 'Check MESH now' }).click();
  await page().getByText('2 new messages have arrived in the inbox.').waitFor();
  await page().waitForFunction((n) => document.querySelector('.app-header__badge')?.getAttribute('data-unread') === String(n), before + 2);
  await cg.inboxRow('Arrived two').waitFor();
  await gui().screenshot('inbox-new-messages');

  await cg.inboxRow('Arrived one').getByRole('button').first().click();
  await page().getByRole('button', { name: 'Save to a file' }).waitFor();
  await page().waitForFunction((n) => document.querySelector('.app-header__badge')?.getAttribute('data-unread') === String(n), before + 1);
  assert.equal(await unread(), before + 1, 'opening one counts it as read');
  await badge.click();
  await grid().waitFor();
});

/** Records every value the progress bar shows, however quickly the chunks come. */
async function recordProgress(): Promise<void> {
  await page().evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('.app-progress__bar');
      const text = bar?.parentElement?.querySelector('.app-hint')?.textContent;
      const entry = bar && text ? `${bar.value}/${bar.max} ${text}` : undefined;
      if (entry && seen.at(-1) !== entry) seen.push(entry);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

const progressSeen = () => page().evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);

test('saving a chunked message shows its progress as it goes, then what was saved', async () => {
  const data = Buffer.alloc(4 * 256 * 1024, 67);
  const id = await send('X26ABC2', { subject: 'A large chunked file', fileName: 'large-chunked.bin' }, data, 256 * 1024);
  await openInbox();
  await page().getByRole('button', { name: 'Check MESH now' }).click();
  await cg.inboxRow('A large chunked file').getByRole('button').first().click();
  await page().getByRole('button', { name: 'Save to a file' }).waitFor();

  await recordProgress();
  // The last chunk is held back a moment by the server, so the bar is on screen while it waits.
  cg.admin().addFault({ method: 'GET', path: `/inbox/${id}/4$`, delayMs: 3000 });
  const path = join(cg.dir, 'large-chunked.bin');
  cg.dialogs.willSave(path);
  await page().getByRole('button', { name: 'Save to a file' }).click();
  await page().getByLabel('Saving the message').waitFor();
  await gui().screenshot('message-save-progress');
  await page()
    .getByText(`Saved ${formatBytes(data.length)} to ${path}.`)
    .waitFor();
  assert.equal(await page().getByLabel('Saving the message').count(), 0, 'the bar goes when the save is done');
  assert.equal(readFileSync(path).length, data.length);
  const seen = await progressSeen();
  // Opened first, its size is known: the bar counts bytes, in the units used everywhere.
  const partWay = seen.filter((s) => {
    const match = /^(\d+)\/(\d+) (\d+)% · (.+) of (.+)$/.exec(s);
    return match && Number(match[1]) > 0 && Number(match[1]) < Number(match[2]) && match[5] === formatBytes(data.length);
  });
  assert.ok(partWay.length > 0, `the save was shown part-way through: ${JSON.stringify(seen)}`);
});

test('Save and acknowledge in the inbox shows a never-opened message saved chunk by chunk (its size is not yet known)', async () => {
  const data = Buffer.alloc(4 * 256 * 1024, 68);
  const id = await send('X26ABC3', { subject: 'Never opened, chunked', fileName: 'never-opened.bin' }, data, 256 * 1024);
  await openInbox();
  await page().getByRole('button', { name: 'Check MESH now' }).click();
  await cg.inboxRow('Never opened, chunked').getByRole('checkbox').check();
  await page().getByRole('button', { name: 'Acknowledge 1 selected' }).click();
  const dialog = page().getByRole('alertdialog');
  await dialog.getByText('This message was never saved or opened.').waitFor();
  await recordProgress();
  cg.admin().addFault({ method: 'GET', path: `/inbox/${id}/4$`, delayMs: 3000 });
  const folder = join(cg.dir, 'saved');
  mkdirSync(folder);
  cg.dialogs.willOpen(folder);
  await dialog.getByRole('button', { name: 'Save and acknowledge' }).click();
  await page().getByLabel('Saving message 1 of 1').waitFor();
  await page().getByText(`Saved and acknowledged 1 message; the files are in ${folder}.`).waitFor();
  assert.equal(await page().getByLabel('Saving message 1 of 1').count(), 0, 'the bar goes when the save is done');
  assert.equal(readFileSync(join(folder, 'never-opened.bin')).length, data.length);
  assert.equal(cg.admin().message(id)?.status, 'acknowledged');
  const seen = await progressSeen();
  const partWay = seen.filter((s) => {
    const match = /^(\d+)\/4 Chunk (\d) of 4 · (.+) so far$/.exec(s);
    return match && Number(match[1]) === Number(match[2]) - 1 && Number(match[1]) > 0;
  });
  assert.ok(partWay.length > 0, `the save was shown part-way through, by chunks: ${JSON.stringify(seen)}`);
});

test('messages waiting more than 4 days are flagged, with a warning saying what MESH does at 5', async () => {
  await openInbox();
  assert.equal(await page().locator('[data-near-expiry]').count(), 0, 'nothing has waited long yet');
  // The page's clock moves on 4 days and 2 hours: every message listed now has waited longer than 4 days.
  await cg.open('Overview');
  await page().clock.setFixedTime(Date.now() + (4 * 24 + 2) * 60 * 60 * 1000);
  await openInbox();
  const items = (await cg.service.inbox({})).filter((i) => i.receivedAt);
  await page().getByText(`${items.length} messages have waited more than 4 days`).waitFor();
  await page().getByText('MESH deletes a message left unacknowledged for 5 days').waitFor();
  const flagged = await grid().locator('[data-waiting-too-long=true]').count();
  assert.equal(flagged, Math.min(items.length, await grid().locator('[data-message-id]').count()));
  await gui().screenshot('inbox-near-expiry');
});

// "Include older files" on the Audit log screen, in Chromium against the real service: another
// writer on the same data folder (as `mesh-console jobs` would be) rotates the log past a small
// rotation size (4 KB here, 32 MB in use), so entries sit in `audit-<time>.jsonl` files the log
// does not keep. Ticked, the screen finds every one of them, newest first, and saves them as CSV.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { AuditLog } from '../../main/store/audit-log';
import { auditScreen } from './support/audit-screen';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

const WRITTEN = 90;
let console_: ConsoleGui;
let page: Page;
let rotated: number;

/** Entry i: a minute apart from 1 November 2026, ~150 bytes of detail so that a few fill 4 KB. */
const written = Array.from({ length: WRITTEN }, (_, i) => ({
  at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
  kind: 'job' as const,
  action: `older entry ${i}`,
  outcome: 'ok' as const,
  detail: `number ${i} of the investigation `.padEnd(150, '.'),
}));

before(async () => {
  console_ = await startConsoleGui('mesh-console-audit-older-gui-');
  page = console_.page;
  await page.setViewportSize({ width: 1024, height: 768 });
  const dataDir = console_.service.runtime.dataDir;
  const writer = await AuditLog.open(dataDir, { maxFileBytes: 4096, source: 'job' });
  for (let i = 0; i < WRITTEN; i += 3) {
    for (const entry of written.slice(i, i + 3)) writer.append(entry);
    await writer.flush();
  }
  await writer.close();
  rotated = readdirSync(dataDir).filter((name) => /^audit-.+\.jsonl$/.test(name)).length;
  assert.ok(rotated >= 3, `rotated into several files: ${rotated}`);
});

after(async () => {
  await console_?.close();
});

const { grid, rowsShown, countLine } = auditScreen(() => page);
const olderFiles = () => page.getByLabel(`Include older files (${rotated} older files)`);

test('without the older files the search misses most entries; with them, every one, newest first', async () => {
  await console_.open('Audit log');
  await page.getByLabel('Search').fill('older entry');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const inMemory = /^(\d+) of [\d,]+ entries match\.$/.exec(
    await countLine()
      .getByText(/ entries match\.$/)
      .innerText(),
  );
  assert.ok(inMemory && Number(inMemory[1]) < WRITTEN, `the log in memory holds only the newest: ${inMemory?.[0]}`);

  await olderFiles().check();
  await countLine()
    .getByText(new RegExp(`^${WRITTEN} of [\\d,]+ entries in the log and its ${rotated} older files match\\.$`))
    .waitFor();
  await rowsShown()
    .first()
    .getByText(`older entry ${WRITTEN - 1}`, { exact: true })
    .waitFor();
  await page.getByRole('rowgroup', { name: /^Entries/ }).focus();
  await page.keyboard.press('End');
  await grid()
    .locator(`[aria-rowindex="${WRITTEN + 1}"]`)
    .getByText('older entry 0', { exact: true })
    .waitFor();
  await console_.gui.screenshot('audit-older-files', { fullPage: true });
});

test('the rows found in every file are saved as CSV; clearing the filters keeps the older files', async () => {
  const file = join(console_.dir, 'older.csv');
  console_.dialogs.willSave(file);
  await page.getByRole('button', { name: `Save ${WRITTEN} rows as CSV` }).click();
  await page.getByRole('status').getByText(`Saved ${WRITTEN} rows to ${file}.`).waitFor();
  const actions = readFileSync(file, 'utf8')
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(',')[2]);
  assert.deepEqual(actions, written.map((entry) => entry.action).reverse());

  await page.getByRole('button', { name: 'Clear filters' }).click();
  assert.ok(await olderFiles().isChecked());
  await countLine()
    .getByText(new RegExp(`^[\\d,]+ entries in the log and its ${rotated} older files, newest first\\.$`))
    .waitFor();
});

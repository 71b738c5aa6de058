// Issue 11, "Audit log", in Chromium 1024 px wide against the real service: one line per entry
// with who and from where, details of the chosen row, filters by kind, outcome and days, search,
// the filtered rows saved as CSV, and 3,000 entries scrolled a page at a time (never all at once).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { AUDIT_KINDS } from '../../main/domain';
import { AuditLog } from '../../main/store/audit-log';
import type { ConsoleService } from '../../main/app/service';
import { auditScreen } from './support/audit-screen';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

let console_: ConsoleGui;
let service: ConsoleService;
let page: Page;

const BULK = 3000;
const DAY = 24 * 3600_000;
/** Entry i of the bulk: every 4 minutes from 1 November 2026 (GMT, so London days are UTC days), kinds in turn, every 7th failed. */
const bulkEntry = (i: number) => ({
  kind: AUDIT_KINDS[i % AUDIT_KINDS.length]!,
  action: `bulk ${i}`,
  outcome: i % 7 === 0 ? ('failed' as const) : ('ok' as const),
  at: new Date(Date.UTC(2026, 10, 1) + i * 4 * 60_000).toISOString(),
});
const bulk = Array.from({ length: BULK }, (_, i) => bulkEntry(i));

before(async () => {
  console_ = await startConsoleGui('mesh-console-audit-gui-');
  ({ service, page } = console_);
  await page.setViewportSize({ width: 1024, height: 768 });
  // The console reads the inbox once on starting (audited MESH calls): let it finish, so the entries below are the newest.
  for (;;) {
    const { inbox } = await service.overview();
    if (inbox.refreshedAt || inbox.error) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const audit = service.runtime.stores.audit;
  for (const entry of bulk) audit.append(entry);
  await audit.flush();
  // Another process on the same data folder, as `mesh-console send` would be: its own writer, appending to the same file.
  const cli = await AuditLog.open(service.runtime.dataDir, { source: 'cli' });
  cli.append({
    kind: 'message',
    action: 'send',
    outcome: 'ok',
    messageId: 'CLI-MSG-1',
    detail: 'report.csv to X26ABC2, sent from a terminal',
  });
  await cli.close();
});

after(async () => {
  await console_?.close();
});

const { grid, rowsShown, countLine } = auditScreen(() => page);
const details = () => page.getByRole('region', { name: 'Entry details' });

test('one line per entry, newest first, with who and from where; the chosen row’s details below; only a window of rows drawn', async () => {
  await console_.open('Audit log');
  const first = rowsShown().first();
  await first.getByText('command line').waitFor();
  // The console's own first inbox read may still be adding entries: the count is at least the bulk and the other writer's.
  const counted = /^([\d,]+) entries, newest first\.$/.exec(await countLine().innerText());
  assert.ok(counted && Number(counted[1]!.replace(/,/g, '')) > BULK, `the count: ${counted?.[0]}`);
  assert.match(await first.innerText(), /message\s+send\s+OK/);
  await first.click();
  await details().getByText('CLI-MSG-1').waitFor();
  await details().getByText('report.csv to X26ABC2, sent from a terminal').waitFor();
  assert.match(await details().innerText(), /From\s+command line/);
  assert.equal(console_.gui.problems.filter((p) => p.startsWith('CSP violation')).length, 0);
  await console_.gui.screenshot('audit-log-1024', { fullPage: true });

  const drawn = await rowsShown().count();
  assert.ok(drawn > 5 && drawn < 80, `a window of rows is drawn, not all ${BULK}: ${drawn}`);
  const fromApp = rowsShown().nth(1);
  assert.match(await fromApp.innerText(), new RegExp(`bulk ${BULK - 1}`));
  assert.match(await fromApp.innerText(), /, app$/m);
});

test('End reaches the oldest entry, pages fetched as the grid scrolls', async () => {
  const oldest = service.runtime.stores.audit.matching().at(-1)!;
  await page.getByRole('rowgroup', { name: /^Entries/ }).focus();
  await page.keyboard.press('End');
  const last = grid().locator(`[aria-rowindex="${service.runtime.stores.audit.size + 1}"]`);
  await last.getByText(oldest.action, { exact: true }).waitFor();
  await details().getByText(`${oldest.kind}: ${oldest.action}`).waitFor();
});

test('kind and outcome filter at once, and the filtered rows are saved as CSV, every one of them', async () => {
  await page.getByLabel('Kind').selectOption('export');
  await page.getByLabel('Outcome').selectOption('failed');
  const expected = bulk.filter((e) => e.kind === 'export' && e.outcome === 'failed');
  await countLine()
    .getByText(new RegExp(`^${expected.length} of [\\d,]+ entries match\\.$`))
    .waitFor();
  for (const text of await rowsShown().allInnerTexts()) assert.match(text, /export\s+bulk \d+\s+Failed/);

  const file = join(console_.dir, 'failed-exports.csv');
  console_.dialogs.willSave(file);
  await page.getByRole('button', { name: `Save ${expected.length} rows as CSV` }).click();
  await page.getByRole('status').getByText(`Saved ${expected.length} rows to ${file}.`).waitFor();
  const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], 'when,kind,action,outcome,http status,detail,message id,export id,user,from');
  assert.deepEqual(
    lines.slice(1).map((line) => line.split(',').slice(0, 4).join(',')),
    expected.reverse().map((e) => `${e.at},export,${e.action},failed`),
  );
});

test('a range of days shows those days only; days the wrong way round are one sentence', async () => {
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('From').fill('2026-11-03');
  await page.getByLabel('To').fill('2026-11-03');
  const onThe3rd = bulk.filter((e) => e.at >= '2026-11-03' && e.at < '2026-11-04');
  assert.equal(onThe3rd.length, DAY / (4 * 60_000));
  await countLine()
    .getByText(new RegExp(`^${onThe3rd.length} of [\\d,]+ entries match\\.$`))
    .waitFor();
  assert.match(await rowsShown().first().innerText(), new RegExp(`${onThe3rd.at(-1)!.action}\\b`));

  await page.getByLabel('From').fill('2026-11-05');
  await page.getByText('The “to” day is before the “from” day: change one of them.').waitFor();
});

test('search finds an entry by any of its words, case aside', async () => {
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Search').fill('cli-msg-1');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await countLine()
    .getByText(/^1 of [\d,]+ entries match\.$/)
    .waitFor();
  await rowsShown().first().getByText('command line').waitFor();
});

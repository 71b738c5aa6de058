// A damaged export history, as an operator meets it on the Exports screen: exports are stopped
// with a sentence, "Recover history" rebuilds it from MESH, and nothing is sent twice.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

let console_: ConsoleGui | undefined;

after(async () => {
  await console_?.close();
});

test('a truncated export history stops exports on the Exports screen until Recover history rebuilds it from MESH', async () => {
  const sent: string[] = [];
  console_ = await startConsoleGui('mesh-console-gui-recovery-', {
    beforePage: async (service) => {
      const first = await service.runExport();
      sent.push(...first.flatMap((r) => (r.messageId ? [r.messageId] : [])));
    },
  });
  assert.ok(sent.length > 0, 'the demo records went to DPS');

  // Cut short while the console is closed, as a crash or a full disk would leave it.
  const file = join(console_.service.runtime.dataDir, 'exports.json');
  await console_.restart(() => writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200)));
  const { service, gui, page } = console_;
  await page.getByRole('navigation').getByRole('button', { name: 'DPS exports', exact: true }).click();
  await page.getByRole('heading', { name: 'Exports are stopped: the history needs rebuilding' }).waitFor();
  await page
    .getByText(/no export runs until the history is rebuilt/)
    .first()
    .waitFor();
  await gui.screenshot('export-history-damaged', { fullPage: true });

  await page.getByRole('button', { name: 'Run export now' }).click();
  await page.getByText('The export did not run').waitFor();

  await page.getByRole('button', { name: 'Recover history' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /The export history was rebuilt \(\d+ exports\)/ })
    .waitFor();
  await page.getByRole('heading', { name: 'Exports are stopped: the history needs rebuilding' }).waitFor({ state: 'detached' });
  await gui.screenshot('export-history-recovered', { fullPage: true });

  const dps = service.runtime.localClient('X26ABC2');
  assert.deepEqual(
    (await dps.inboxAll({ workflowFilter: 'dps export' })).sort(),
    [...sent].sort(),
    'recovery and the refused run sent nothing',
  );
  const history = await service.exports();
  assert.deepEqual(
    history
      .filter((e) => e.status === 'accepted')
      .map((e) => e.messageId)
      .sort(),
    [...sent].sort(),
  );
  await dps.close();
  assert.deepEqual(gui.problems, []);
});

// Issue 11: production looks different, and a DPS export there asks first. The real service with
// its settings on NHS production (settings.json, as an operator would set it). Nothing here reaches
// MESH: no password is set, so no call could succeed, and the test sends nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright';
import type { ConsoleService } from '../../main/app/service';
import { generateDemoRecords } from '../../main/dps/demo-records';
import type { Gui } from './support/harness';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

let console_: ConsoleGui;
let service: ConsoleService;
let gui: Gui;
let page: Page;

before(async () => {
  console_ = await startConsoleGui('mesh-console-production-', {
    settings: () => ({ environment: 'production', mailbox: 'X26ABC1', dps_mailbox: 'X26DPS1' }),
    // Records waiting for DPS, as an import would leave them.
    beforePage: async (started) => {
      await started.runtime.stores.records.applyImport(generateDemoRecords(80, { seed: 11 }));
    },
  });
  ({ service, gui, page } = console_);
});

after(async () => {
  await console_?.close();
});

test('production shows its environment in the header in red, unlike the sandbox and integration', async () => {
  const overview = await service.overview();
  assert.equal(overview.environment, 'production');
  assert.equal(overview.sandbox, false);

  const header = page.getByRole('banner');
  const badge = header.locator('[data-environment="production"]');
  await badge.waitFor();
  assert.equal(await badge.textContent(), 'Environment: PRODUCTION: live NHS MESH');
  assert.equal(await page.getByText('Local MESH sandbox — not NHS MESH').count(), 0, 'no sandbox banner');

  const colours = await header.evaluate((element) => {
    const badgeElement = element.querySelector('[data-environment]')!;
    return { header: getComputedStyle(element).backgroundColor, badge: getComputedStyle(badgeElement).backgroundColor };
  });
  // NHS red (#d5281b): the sandbox header is NHS blue with a yellow badge, integration blue with a white one.
  assert.deepEqual(colours, { header: 'rgb(213, 40, 27)', badge: 'rgb(213, 40, 27)' });
  // The same header and badge styles for the sandbox and integration, measured in the page: none is red.
  const others = await page.evaluate(
    (names) => {
      const colours: Record<string, { header: string; badge: string }> = {};
      for (const name of names) {
        const headerElement = document.createElement('header');
        headerElement.className = `app-header app-header--${name}`;
        const badgeElement = document.createElement('strong');
        badgeElement.className = `app-environment app-environment--${name}`;
        headerElement.append(badgeElement);
        document.body.append(headerElement);
        colours[name] = { header: getComputedStyle(headerElement).backgroundColor, badge: getComputedStyle(badgeElement).backgroundColor };
        headerElement.remove();
      }
      return colours;
    },
    ['local', 'integration', 'deployment'],
  );
  assert.deepEqual(others, {
    local: { header: 'rgb(0, 94, 184)', badge: 'rgb(255, 184, 28)' },
    integration: { header: 'rgb(0, 94, 184)', badge: 'rgb(255, 255, 255)' },
    deployment: { header: 'rgb(0, 94, 184)', badge: 'rgb(255, 255, 255)' },
  });
  await gui.screenshot('production-header');
});

test('a production DPS export asks first: PRODUCTION, from X26ABC1 to X26DPS1, records per programme; Cancel sends nothing', async () => {
  const unsent = (await service.records()).filter((r) => r.unsent > 0);
  const total = unsent.reduce((sum, r) => sum + r.unsent, 0);
  assert.ok(total > 0);

  await page.getByRole('navigation').getByRole('button', { name: 'DPS exports', exact: true }).click();
  await page.getByRole('table', { name: 'Records per programme' }).waitFor();
  await page.getByRole('button', { name: 'Run export now' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Send ${total} records to DPS?` });
  await dialog.waitFor();
  assert.equal(await dialog.locator('[data-environment]').textContent(), 'Environment: PRODUCTION: live NHS MESH');
  await dialog.getByText('These are patient records, and once MESH accepts a file it cannot be recalled.').waitFor();
  const summary = await dialog
    .locator('.nhsuk-summary-list__row')
    .evaluateAll((rows) => rows.map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent]));
  assert.deepEqual(summary.slice(1), [
    ['From mailbox', 'X26ABC1'],
    ['To DPS mailbox', 'X26DPS1'],
  ]);
  const counts = await dialog
    .getByRole('table', { name: 'Records to send per programme' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => Number(row.querySelectorAll('td')[1]!.textContent)));
  assert.deepEqual(
    counts,
    unsent.map((r) => r.unsent),
  );
  await gui.screenshot('export-confirm');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await service.exports(), [], 'Cancel sends nothing');
  assert.equal(
    (await service.records()).reduce((sum, r) => sum + r.unsent, 0),
    total,
    'every record still waits',
  );
});

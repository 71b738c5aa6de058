// A damaged export history, as an operator meets it on the Exports screen: exports are stopped
// with a sentence, "Recover history" rebuilds it from MESH, and nothing is sent twice.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleService, type ConsoleService } from '../../main/app/service';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { scriptedDialogs } from '../support/scripted-dialogs';
import { startGui, stopGuiHarness, type Gui } from './support/harness';

const dir = mkdtempSync(join(tmpdir(), 'mesh-console-gui-recovery-'));
const dataDir = join(dir, 'data');
let service: ConsoleService | undefined;
let gui: Gui | undefined;

function openService(): Promise<ConsoleService> {
  return createConsoleService({
    dataDir,
    env: {},
    startScheduler: false,
    ports: {
      dialogs: scriptedDialogs(),
      notifications: { notify: () => undefined },
      secrets: new FileKeyEncryptor(join(dir, 'keys', 'secret.key')),
    },
  });
}

after(async () => {
  await gui?.close();
  await service?.close();
  await stopGuiHarness();
  rmSync(dir, { recursive: true, force: true });
});

test('a truncated export history stops exports on the Exports screen until Recover history rebuilds it from MESH', async () => {
  service = await openService();
  const first = await service.runExport();
  const sent = first.flatMap((r) => (r.messageId ? [r.messageId] : []));
  assert.ok(sent.length > 0, 'the demo records went to DPS');
  await service.close();

  const file = join(dataDir, 'exports.json');
  writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200));
  service = await openService();
  gui = await startGui(service);
  const page = gui.page;
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

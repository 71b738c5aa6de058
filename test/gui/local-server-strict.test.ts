// The Settings screen's connection form, on the console's own local MESH server: the strict
// checkbox shows the setting (on for a fresh install) and saving it off turns the running server lenient.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

let console_: ConsoleGui;

before(async () => {
  console_ = await startConsoleGui('mesh-console-strict-gui-');
});

after(async () => {
  await console_?.close();
});

test('the local server strict checkbox: checked on a fresh install; unchecked and saved, the server stops enforcing', async () => {
  const { page, gui, dir } = console_;
  assert.ok(Object.values(console_.admin().checks()).every(Boolean), 'a fresh install starts the local server strict');
  await console_.open('Settings');
  const strict = page.getByLabel('The local server refuses what NHS MESH refuses (strict)');
  assert.equal(await strict.isChecked(), true);
  await strict.uncheck();
  await page.getByRole('button', { name: 'Save connection settings' }).click();
  await page.getByRole('status').filter({ hasText: 'Connection settings saved.' }).waitFor();
  await gui.screenshot('settings-local-server-strict');

  assert.ok(
    Object.values(console_.admin().checks()).every((on) => on === false),
    'the running server no longer refuses what the official sandbox lets through',
  );
  assert.equal(JSON.parse(readFileSync(join(dir, 'data', 'settings.json'), 'utf8')).local_server_strict, false);

  await page.getByLabel('Base URL').fill('https://127.0.0.1:8700');
  assert.equal(await strict.count(), 0, 'not offered for another server, which the console does not run');
});

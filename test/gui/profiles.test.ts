// Issue 12, profiles in the app, driven in Chromium against the real service: a profile added on
// the Profiles screen (its own embedded local MESH server and data), a switch in one click that
// asks for nothing and shows the other mailbox in the header, and back again from the header; the
// profile on screen removed by the command line, and the page showing the current one instead.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli } from '../cli/cli-support';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

let console_: ConsoleGui;

before(async () => {
  console_ = await startConsoleGui('mesh-console-gui-profiles-');
});

after(async () => {
  await console_?.close();
});

test('profiles: add two on the Profiles screen, switch to one in a click, and back from the header', async () => {
  const { page, gui } = console_;
  const header = page.getByRole('banner');
  await header.getByText('X26ABC1', { exact: true }).waitFor();
  await console_.open('Profiles');
  await page.getByRole('heading', { name: 'Profiles', level: 1 }).waitFor();
  const table = page.getByRole('table', { name: 'Profiles' });
  await table.getByRole('row').filter({ hasText: 'local' }).getByText('On screen').waitFor();

  const add = async (name: string, environment: string, mailbox: string) => {
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Environment', { exact: true }).selectOption(environment);
    await page.getByLabel('Mailbox', { exact: true }).fill(mailbox);
    await page.getByRole('button', { name: 'Add profile' }).click();
    await table.getByRole('row').filter({ hasText: name }).waitFor();
  };
  await add('second', 'local', 'X26ABC2');
  await add('live', 'production', 'X26ABC9');
  await page.getByLabel('Name', { exact: true }).fill('../other');
  await page.getByLabel('Mailbox', { exact: true }).fill('X26ABC3');
  await page.getByRole('button', { name: 'Add profile' }).click();
  await page.getByText(/cannot be a profile's name: use up to 40 letters, digits, - and _/).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('');
  await page.getByLabel('Mailbox', { exact: true }).fill('');
  assert.match((await table.getByRole('row').filter({ hasText: 'live' }).textContent()) ?? '', /PRODUCTION: live NHS MESH.*X26ABC9/);
  await gui.screenshot('profiles-added', { fullPage: true });

  await table.getByRole('button', { name: 'Switch to second' }).click();
  // The page starts afresh on the other profile: its mailbox in the header, its own data folder underneath.
  await header.getByText('X26ABC2', { exact: true }).waitFor();
  assert.equal(await header.getByRole('combobox', { name: 'Profile' }).inputValue(), 'second');
  assert.equal(console_.service.runtime.dataDir, join(console_.dir, 'data', 'profiles', 'second'));
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
  await gui.screenshot('profile-switched');

  await header.getByRole('combobox', { name: 'Profile' }).selectOption('local');
  await header.getByText('X26ABC1', { exact: true }).waitFor();
  assert.equal(console_.service.runtime.dataDir, join(console_.dir, 'data'));
  assert.deepEqual(gui.problems, [], 'the page logged no errors');
});

test('profiles: the profile on screen removed by `mesh-console profile remove`: the page shows the current one and says why', async () => {
  const { page, gui } = console_;
  const header = page.getByRole('banner');
  await header.getByText('X26ABC1', { exact: true }).waitFor();
  const dataDir = join(console_.dir, 'data');
  for (const args of [
    ['profile', 'use', 'second'],
    ['profile', 'remove', 'local'],
  ]) {
    const result = await cli(args, { MESH_DATA_DIR: dataDir });
    assert.equal(result.code, 0, result.stderr);
  }
  // The page starts afresh on second, and the notice survives that reload.
  await header.getByText('X26ABC2', { exact: true }).waitFor();
  await page.getByRole('region', { name: 'Notices' }).getByText('Profile local was removed elsewhere; now showing second.').waitFor();
  assert.equal(await header.getByRole('combobox', { name: 'Profile' }).inputValue(), 'second');
  assert.equal(console_.service.runtime.dataDir, join(dataDir, 'profiles', 'second'));
  await gui.screenshot('profile-removed-elsewhere');
  assert.deepEqual(gui.problems, [], 'the page logged no errors');
});

// Issue 12: the console started with a MESH_* variable says so in the header and on the Profiles
// screen, and the variable stays with the profile on screen after a switch (real service, real renderer).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

let console_: ConsoleGui;

before(async () => {
  console_ = await startConsoleGui('mesh-console-gui-profile-overrides-', { env: { MESH_DPS_MAILBOX: 'X26ABC2' } });
});

after(async () => {
  await console_?.close();
});

test('the header and the Profiles screen name the MESH_* variables overriding the profile on screen, after a switch too', async () => {
  const { page, gui } = console_;
  const header = page.getByRole('banner');
  await header.getByText('Overridden by MESH_DPS_MAILBOX').waitFor();
  await console_.service.addProfile({ name: 'second', environment: 'local', mailbox: 'X26ABC3' });

  await console_.open('Profiles');
  const table = page.getByRole('table', { name: 'Profiles' });
  await table.getByRole('button', { name: 'Switch to second' }).click();
  await header.getByText('X26ABC3', { exact: true }).waitFor();
  await header.getByText('Overridden by MESH_DPS_MAILBOX').waitFor();
  assert.equal(console_.service.runtime.settings.dpsMailbox, 'X26ABC2');

  await console_.open('Profiles');
  const note = page.getByRole('note').filter({ hasText: 'MESH_DPS_MAILBOX' });
  await note.waitFor();
  assert.match((await note.textContent()) ?? '', /started with MESH_DPS_MAILBOX set: it overrides the settings of second/);
  await gui.screenshot('profile-overrides', { fullPage: true });
  assert.deepEqual(gui.problems, [], 'the page logged no errors');
});

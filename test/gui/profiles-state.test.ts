// The Profiles screen says of each open profile how its last job went and what is unread, as the
// tray does: driven in Chromium against the real service with two profiles on a MESH server
// process. The one on screen has a wrong password (its handshake, due at start, fails and stands
// out); the other runs its jobs in the background (its handshake succeeds, one message unread).
// The screen follows both through the service's events; nothing is slept for.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serviceOnProfile } from '../profiles/profile-service';
import { addSandboxProfile, jobsOnWithHandshakeDue, sendNote, setProfileSecrets, withSandboxFolder } from '../profiles/profile-support';
import { startGui, stopGuiHarness } from './support/harness';

after(stopGuiHarness);

test('Profiles screen: each open profile its last job (a failure standing out) and its unread, the background one included', () =>
  withSandboxFolder('mesh-console-gui-profiles-state-', async ({ dataDir, sandbox }) => {
    await sendNote(sandbox, 'X26ABC1', 'X26ABC2');
    await addSandboxProfile(sandbox, dataDir, 'first', 'X26ABC1');
    await addSandboxProfile(sandbox, dataDir, 'second', 'X26ABC2');
    await setProfileSecrets(dataDir, 'first', 'not-the-password');
    await setProfileSecrets(dataDir, 'second');
    await jobsOnWithHandshakeDue(join(dataDir, 'profiles', 'first'));
    await jobsOnWithHandshakeDue(join(dataDir, 'profiles', 'second'));

    const service = await serviceOnProfile(dataDir, 'first', { ports: { notifications: { notify: () => undefined } } });
    const gui = await startGui(service);
    try {
      const { page } = gui;
      await page.getByRole('navigation').getByRole('button', { name: 'Profiles', exact: true }).click();
      const table = page.getByRole('table', { name: 'Profiles' });
      const row = (name: string) =>
        table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}\\b`) }) });
      const cell = (name: string, column: number) => row(name).getByRole('cell').nth(column);
      // Columns after the row header: environment, mailbox, jobs, last job, unread, actions.
      await cell('second', 3).getByText('Validate mailbox').waitFor();
      await cell('second', 3).getByText('ok', { exact: true }).waitFor();
      await cell('second', 4).getByText('1', { exact: true }).waitFor();
      await cell('first', 3).getByText('Failed', { exact: true }).waitFor();
      assert.match((await cell('first', 3).textContent()) ?? '', /Validate mailbox Failed (just now|\d+ minutes? ago)/);
      assert.equal(await cell('first', 3).getAttribute('class'), 'app-cell-failed', 'the failed last job stands out');
      assert.equal(await cell('second', 3).getAttribute('class'), null);
      assert.match((await cell('second', 3).textContent()) ?? '', /^Validate mailbox ok (just now|\d+ minutes? ago)$/);
      // The local profile's jobs are off and its service closed: nothing is known of it here.
      assert.equal(await cell('local', 3).textContent(), 'Not running here');
      assert.equal(await cell('local', 4).textContent(), '');
      await gui.screenshot('profiles', { fullPage: true });
      assert.deepEqual(gui.problems, [], 'the page logged no errors');
    } finally {
      await gui.close();
      await service.close();
    }
  }));

// The tray's profile lines read from the real service: every profile listed, and for a profile
// running its jobs in the background how its last job went and what is unread, as for the one on
// screen. Two profiles against a MESH server process; the background one's handshake, due at its
// start, is awaited through the service's events, never slept for. Then followTrayLines, what the
// shell's tray shows, with a `show` that records each set of lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { followTrayLines, trayProfileLines } from '../../main/electron/tray-profiles';
import { serviceOnProfile } from '../profiles/profile-service';
import { addSandboxProfile, jobsOnWithHandshakeDue, sendNote, setProfileSecrets, withSandboxFolder } from '../profiles/profile-support';

test('the tray says of a profile in the background how its last job went and what is unread, read from the real service', () =>
  withSandboxFolder('mesh-console-tray-', async ({ dataDir, sandbox }) => {
    await sendNote(sandbox, 'X26ABC1', 'X26ABC2');
    await addSandboxProfile(sandbox, dataDir, 'first', 'X26ABC1');
    await addSandboxProfile(sandbox, dataDir, 'second', 'X26ABC2');
    await setProfileSecrets(dataDir, 'second');
    await jobsOnWithHandshakeDue(join(dataDir, 'profiles', 'second'));

    const service = await serviceOnProfile(dataDir, 'first');
    try {
      const expected = [
        'local: local sandbox · jobs off',
        'first (on screen): custom server · jobs off',
        'second: custom server · jobs on · last: Validate mailbox ok · 1 unread',
      ];
      // Read again at each word that the background profile's state changed, as the shell does, until it says it all.
      const lines = await new Promise<string[]>((resolve) => {
        const check = () =>
          void trayProfileLines(service).then((now) => {
            if (now.join('\n') === expected.join('\n')) resolve(now);
          });
        service.subscribe((event) => {
          if (event.type === 'background-profile' && event.profile === 'second') check();
        });
        check();
      });
      assert.deepEqual(lines, expected);
      const second = (await service.profiles()).profiles.find((p) => p.name === 'second');
      assert.equal(second?.jobs?.find((job) => job.name === 'handshake')?.lastResult, 'ok');
      assert.equal(second?.unread, 1);
    } finally {
      await service.close();
    }
  }));

test('followTrayLines shows a new line when a background job runs, and a switch carries no unread to the other profile', () =>
  withSandboxFolder('mesh-console-tray-follow-', async ({ dataDir, sandbox }) => {
    // Workflows the sandbox registers for each way: two messages for X26ABC1, one for X26ABC2.
    for (const [from, to, workflowId] of [
      ['X26ABC2', 'X26ABC1', 'TEST_WORKFLOW_ACK'],
      ['X26ABC2', 'X26ABC1', 'TEST_WORKFLOW_ACK'],
      ['X26ABC1', 'X26ABC2', 'TEST_WORKFLOW'],
    ]) {
      await sendNote(sandbox, from!, to!, workflowId!);
    }
    await addSandboxProfile(sandbox, dataDir, 'first', 'X26ABC1');
    await addSandboxProfile(sandbox, dataDir, 'second', 'X26ABC2');
    await setProfileSecrets(dataDir, 'first');
    await setProfileSecrets(dataDir, 'second');
    await jobsOnWithHandshakeDue(join(dataDir, 'profiles', 'second'));

    const service = await serviceOnProfile(dataDir, 'first');
    const shown: string[][] = [];
    const waiters: { wanted: string; done: () => void }[] = [];
    const stop = followTrayLines(service, (lines) => {
      shown.push(lines);
      for (const waiter of waiters.filter((w) => lines.join('\n') === w.wanted)) waiter.done();
    });
    const shows = (lines: string[]) =>
      shown.some((set) => set.join('\n') === lines.join('\n'))
        ? Promise.resolve()
        : new Promise<void>((done) => {
            waiters.push({ wanted: lines.join('\n'), done });
          });
    try {
      // The background profile's handshake runs at its start: a line says so, beside the on-screen profile's first inbox read.
      await shows([
        'local: local sandbox · jobs off',
        'first (on screen): custom server · jobs off · 2 unread',
        'second: custom server · jobs on · last: Validate mailbox ok · 1 unread',
      ]);
      const beforeSwitch = shown.length;
      await service.switchProfile('second');
      await shows([
        'local: local sandbox · jobs off',
        'first: custom server · jobs off',
        'second (on screen): custom server · jobs on · last: Validate mailbox ok · 1 unread',
      ]);
      const afterSwitch = shown.slice(beforeSwitch).flat();
      assert.ok(!afterSwitch.some((line) => line.startsWith('second') && line.includes('2 unread')), afterSwitch.join('\n'));
      // Stopped: the lines read for a later event are not shown.
      stop();
      const count = shown.length;
      const read = new Promise<void>((done) => service.subscribe((event) => event.type === 'inbox-changed' && done()));
      await service.inbox({ refresh: true });
      await read;
      await trayProfileLines(service);
      assert.equal(shown.length, count);
    } finally {
      stop();
      await service.close();
    }
  }));

// The tray's profile lines read from the real service: every profile listed, and for a profile
// running its jobs in the background how its last job went and what is unread, as for the one on
// screen. Two profiles against a MESH server process; the background one's handshake, due at its
// start, is awaited through the service's events, never slept for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleService } from '../../main/app/service';
import { trayProfileLines } from '../../main/electron/tray-profiles';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { cli } from '../cli/cli-support';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';
import { addSandboxProfile, changeSettingsElsewhere } from '../profiles/profile-support';
import { scriptedDialogs } from '../support/scripted-dialogs';

async function setSecrets(dataDir: string, profile: string): Promise<void> {
  for (const [secret, value] of [
    ['password', 'password'],
    ['shared-key', 'TestKey'],
  ] as const) {
    const set = await cli(['secret', 'set', secret, '--profile', profile], { MESH_DATA_DIR: dataDir }, `${value}\n`);
    assert.equal(set.code, 0, set.stderr);
  }
}

test('the tray says of a profile in the background how its last job went and what is unread, read from the real service', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-tray-'));
  const dataDir = join(dir, 'data');
  let sandbox: SandboxProcess | undefined;
  try {
    sandbox = await startSandbox(join(dir, 'mesh'));
    const sender = sandbox.client('X26ABC1');
    await sender.send({ to: 'X26ABC2', workflowId: 'TEST_WORKFLOW', fileName: 'note.txt', source: { data: Buffer.from('hello\n') } });
    await sender.close();
    await addSandboxProfile(sandbox, dataDir, 'first', 'X26ABC1');
    await addSandboxProfile(sandbox, dataDir, 'second', 'X26ABC2');
    await setSecrets(dataDir, 'second');
    await changeSettingsElsewhere(join(dataDir, 'profiles', 'second'), { jobsEnabled: true });
    // Its inbox refresh ran a minute ago, so only the handshake (never run) is due at start: the last job is known.
    const minuteAgo = new Date(Date.now() - 60_000).toISOString();
    await mkdir(join(dataDir, 'profiles', 'second'), { recursive: true });
    await writeFile(
      join(dataDir, 'profiles', 'second', 'jobs.json'),
      JSON.stringify({ version: 1, enabledSince: minuteAgo, jobs: { inboxRefresh: { lastRunAt: minuteAgo, lastResult: 'ok' } } }),
    );

    const service = await createConsoleService({
      dataDir,
      profile: 'first',
      env: {},
      ports: { dialogs: scriptedDialogs(), secrets: FileKeyEncryptor.inDataDir(dataDir) },
      seedDemoData: false,
    });
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
  } finally {
    await sandbox?.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

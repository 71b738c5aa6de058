// One check, two readers: the command line names a setting by its settings.json key or MESH_*
// variable (its user edits those), the Settings screen by the field's label. And the MESH_*
// variables keep overriding what the screen saves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTINGS_SCREEN_WORDS } from '../../main/app/service/settings-screen-words';
import { buildSettings } from '../../main/settings/load-settings';
import { resolveConnection } from '../../main/settings/resolve-connection';
import { SettingsError } from '../../main/settings/settings-error';
import type { SettingsFile } from '../../main/settings/settings-file';
import { NAVIGATION } from '../../renderer/navigation';
import { startTestService } from './service-support';

const DIR = '/data/mesh-console';
const CLI_WORDS = /settings\.json|MESH_[A-Z_]+|\b(base_url|dps_mailbox|dps_workflow_id|ca_bundle|job_times\.[a-z_]+)\b/;

function problemOf(file: SettingsFile, env: NodeJS.ProcessEnv = {}): SettingsError {
  try {
    buildSettings(file, env, DIR);
  } catch (error) {
    assert.ok(error instanceof SettingsError, String(error));
    return error;
  }
  assert.fail('the settings were accepted');
}

const CASES: { name: string; file: SettingsFile; env?: NodeJS.ProcessEnv; cli: RegExp; screen: RegExp }[] = [
  {
    name: 'plain http:// to another machine, from the variable',
    file: {},
    env: { MESH_ENV: 'custom', MESH_MAILBOX: 'X26ABC1', MESH_BASE_URL: 'http://mesh.example.org' },
    cli: /^The setting base_url \(from MESH_BASE_URL\) uses plain http:\/\/, which is allowed only for a MESH server on this machine/,
    screen: /^“Base URL”, as given where the console was started \(not on this screen\), uses plain http:\/\//,
  },
  {
    name: 'plain http:// to another machine, from the file',
    file: { environment: 'custom', mailbox: 'X26ABC1', base_url: 'http://mesh.example.org' },
    cli: /^The setting base_url in \/data\/mesh-console\/settings\.json uses plain http:\/\//,
    screen: /^“Base URL” uses plain http:\/\/, which is allowed only for a MESH server on this machine; use https:\/\/\.$/,
  },
  {
    name: 'an NHS environment with another address',
    file: { environment: 'integration', mailbox: 'X26ABC1', base_url: 'https://mesh.example.org' },
    cli: /; remove base_url or set environment to custom\.$/,
    screen:
      /^“Base URL” is https:\/\/mesh\.example\.org, not the integration address .*; remove “Base URL” or set “Environment” to custom\.$/,
  },
  {
    name: 'a custom environment without an address',
    file: { environment: 'custom', mailbox: 'X26ABC1' },
    cli: /^The setting base_url is missing: .* in MESH_BASE_URL or settings\.json\.$/,
    screen: /^“Base URL” is missing: the custom environment needs the MESH server's address in Settings, under Connection\.$/,
  },
  {
    name: 'the inbox refresh under MESH’s 5 minutes',
    file: { job_times: { inbox_refresh_minutes: 3 } },
    cli: /^The setting job_times\.inbox_refresh_minutes in .* must be a whole number of minutes from 5 to 1440;/,
    screen: /^“Inbox refresh \(minutes\)” must be a whole number of minutes from 5 to 1440;/,
  },
  {
    name: 'a workflow id with a control character',
    file: { dps_workflow_id: 'dps\u0007export' },
    cli: /^The setting dps_workflow_id in .* must be 1 to 255 printable characters/,
    screen: /^“DPS workflow id” must be 1 to 255 printable characters/,
  },
  {
    name: 'a mailbox id that is not one',
    file: { mailbox: 'not a mailbox!', environment: 'local' },
    cli: /^The setting mailbox in .* is not a MESH mailbox id/,
    screen: /^“Mailbox id” is not a MESH mailbox id/,
  },
];

for (const c of CASES) {
  test(`each side names the setting its own way: ${c.name}`, () => {
    const problem = problemOf(c.file, c.env);
    assert.match(problem.message, c.cli, 'the command line names the key or the variable');
    const onScreen = problem.inWords(SETTINGS_SCREEN_WORDS);
    assert.match(onScreen, c.screen, 'the screen names the field');
    assert.doesNotMatch(onScreen, CLI_WORDS, 'never a settings.json key or a variable on the screen');
  });
}

test('through the service, a refused change is in the screen’s words; the MESH_* variables keep overriding what it saves', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-settings-words-'));
  const service = await startTestService(join(dir, 'data'), {
    env: { MESH_DPS_MAILBOX: 'X26ABC9' },
    startScheduler: false,
    seedDemoData: false,
  });
  try {
    await assert.rejects(
      service.updateSettings({ environment: 'custom', baseUrl: 'http://mesh.example.org', mailbox: 'X26ABC1' }),
      (error: Error) => {
        assert.match(error.message, /^“Base URL” uses plain http:\/\//);
        assert.doesNotMatch(error.message, CLI_WORDS);
        return true;
      },
    );
    const view = await service.updateSettings({ dpsMailbox: 'X26ABC3' });
    const saved = JSON.parse(await readFile(join(dir, 'data', 'settings.json'), 'utf8')) as SettingsFile;
    assert.equal(saved.dps_mailbox, 'X26ABC3', 'the screen’s value is saved');
    assert.equal(view.dpsMailbox, 'X26ABC9', 'but MESH_DPS_MAILBOX still wins');
    assert.equal(service.runtime.settings.dpsMailbox, 'X26ABC9');
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a connection setting that is not set: the command line names its variable, the screen where in Settings it is', () => {
  const settings = buildSettings({ environment: 'integration', mailbox: 'X26OT123' }, {}, DIR);
  const problem = (() => {
    try {
      resolveConnection(settings, { get: () => undefined });
    } catch (error) {
      assert.ok(error instanceof SettingsError, String(error));
      return error;
    }
    assert.fail('the connection resolved without a password');
  })();
  assert.equal(problem.message, 'The password of mailbox X26OT123 is not set: set it in Settings, or give MESH_PASSWORD.');
  const onScreen = problem.inWords(SETTINGS_SCREEN_WORDS);
  assert.equal(onScreen, 'The password of mailbox X26OT123 is not set: give it in Settings, under Secrets.');
  assert.doesNotMatch(onScreen, CLI_WORDS);
});

test('a mailbox folders setting is given on the Mailbox folders screen, not in Settings', () => {
  assert.ok(
    NAVIGATION.some((entry) => entry.label === 'Mailbox folders'),
    'the sentence names a screen of the navigation',
  );
  for (const key of ['out', 'in', 'sent', 'failed', 'layout', 'workflow_filter', 'to', 'send_workflow']) {
    const where = SETTINGS_SCREEN_WORDS.whereToGive(`folders.${key}`);
    assert.equal(where, 'on the Mailbox folders screen', key);
  }
  assert.equal(SETTINGS_SCREEN_WORDS.whereToGive('mailbox'), 'in Settings, under Connection', 'a Settings field stays in Settings');
});

// The embedded local MESH server is strict on a fresh install (the demo still arrives, on
// registered workflows), and the local_server_strict setting turns that off in the running server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleRuntime } from '../../main/app/runtime';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { applySettingsChange } from '../../main/settings/settings-view';

const EVERY_CHECK_ON = {
  tokenReuse: true,
  timestampWindow: true,
  workflowAuthorisation: true,
  requireAllChunks: true,
  expireUncollected: true,
  goneAfterAcknowledge: true,
};
const EVERY_CHECK_OFF = Object.fromEntries(Object.keys(EVERY_CHECK_ON).map((name) => [name, false]));

/** X26ABC3 sends on TEST_WORKFLOW, which it is not registered for; resolves the error's code, or 'accepted'. */
async function unregisteredSend(runtime: ConsoleRuntime): Promise<string> {
  const client = runtime.localClient('X26ABC3');
  try {
    await client.send({ to: 'X26ABC1', workflowId: 'TEST_WORKFLOW', fileName: 'x.txt', source: { data: Buffer.from('x') } });
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  } finally {
    await client.close();
  }
}

test('a fresh install: the local server is strict and the demo arrives; local_server_strict false turns it lenient', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mesh-console-strict-'));
  const running = new Set<ConsoleRuntime>();
  const open = async () => {
    const runtime = await ConsoleRuntime.open({ env: {}, dataDir, encryptor: FileKeyEncryptor.inDataDir(dataDir) });
    running.add(runtime);
    return runtime;
  };
  try {
    const runtime = await open();
    assert.ok(runtime.local);
    assert.deepEqual(runtime.local.server.admin.checks(), EVERY_CHECK_ON);
    assert.equal(
      (await (await runtime.client()).inboxAll()).length,
      7,
      'the six demo messages and the REPORT, all on registered workflows',
    );
    assert.equal(await unregisteredSend(runtime), '17', 'an unregistered workflow is refused as NHS MESH refuses it');

    await applySettingsChange(dataDir, { localServerStrict: false }, {});
    await runtime.reloadSettings();
    assert.deepEqual(runtime.local.server.admin.checks(), EVERY_CHECK_OFF, 'the running server follows the setting');
    assert.equal(await unregisteredSend(runtime), 'accepted');
    assert.equal(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')).local_server_strict, false);
    running.delete(runtime);
    await runtime.close();

    const again = await open();
    assert.deepEqual(again.local?.server.admin.checks(), {}, 'started lenient next time');
  } finally {
    for (const runtime of running) await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

// With no Chromium at all the GUI tests fail, each with the one sentence saying what to install;
// they never skip, and closing the harness afterwards does not fail a second time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startGui, stopGuiHarness } from './support/harness';

test('a GUI test without any Chromium fails with what to install, and the harness still closes', { timeout: 120_000 }, async () => {
  const before = process.env.MESH_CHROMIUM_PATH;
  // The lookup's first place names nothing runnable: the same refusal as finding nothing anywhere.
  process.env.MESH_CHROMIUM_PATH = join(tmpdir(), 'no-such-folder', 'chromium');
  try {
    await assert.rejects(startGui(null), {
      name: 'ChromiumNotFound',
      message:
        `MESH_CHROMIUM_PATH is ${process.env.MESH_CHROMIUM_PATH}, which is not an executable file: point it at a ` +
        `Chromium or Chrome, or unset it.`,
    });
    await stopGuiHarness();
  } finally {
    if (before === undefined) delete process.env.MESH_CHROMIUM_PATH;
    else process.env.MESH_CHROMIUM_PATH = before;
  }
});

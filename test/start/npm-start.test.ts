// `npm start` on a machine with neither an Electron binary nor a display: it builds, then says
// in one sentence what to do instead, without a stack trace, and exits 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const electronPresent = spawnSync(process.execPath, ['-e', "require('electron')"], { cwd: ROOT }).status === 0;

test('npm start without Electron or a display builds, then says what to do and exits 2', { skip: electronPresent && 'Electron is installed here, so npm start would open it' }, () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  const started = spawnSync(process.execPath, ['scripts/start.js'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  const output = `${started.stdout}\n${started.stderr}`;
  assert.equal(started.status, 2, output);
  assert.match(started.stdout, /Building the renderer/);
  assert.match(started.stdout, /^Electron is not available: .+$/m);
  assert.match(started.stderr, /There is no display here for a window, and Electron could not be fetched\. Use the command line instead \(`npx mesh-console --help`\)/);
  assert.doesNotMatch(output, /^\s+at /m, 'no stack trace');
});

// `npm start` on a machine without an Electron binary: where nothing can show the console it says
// so in one sentence, without a stack trace, and exits 2 — with no display at all; with a display
// but no Chromium that can open a window (the headless one `npm ci` brings cannot); and with a
// Chromium that cannot open a window on the display it was given.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../gui/support/chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const electronPresent = spawnSync(process.execPath, ['-e', "require('electron')"], { cwd: ROOT }).status === 0;
const skip = electronPresent && 'skipped: Electron is installed here, so npm start would open it';

const folder = mkdtempSync(join(tmpdir(), 'mesh-npm-start-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** PATH with node alone on it, and Playwright looking for its browsers in an empty folder: no Chromium to be found. */
function noBrowserEnv(): NodeJS.ProcessEnv {
  const bin = mkdtempSync(join(folder, 'bin-'));
  symlinkSync(process.execPath, join(bin, 'node'));
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: bin, PLAYWRIGHT_BROWSERS_PATH: mkdtempSync(join(folder, 'pw-')) };
  delete env['MESH_CHROMIUM_PATH'];
  delete env['WAYLAND_DISPLAY'];
  return env;
}

// A display number no X server here listens on.
const BOGUS_DISPLAY = ':1987';

function npmStart(env: NodeJS.ProcessEnv) {
  const started = spawnSync(process.execPath, ['scripts/start.js'], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  const output = `${started.stdout}\n${started.stderr}`;
  assert.equal(started.status, 2, output);
  assert.match(started.stdout, /^Electron is not available: .+$/m);
  assert.doesNotMatch(started.stdout, /Building the renderer/, 'it says what is missing before building anything');
  assert.doesNotMatch(output, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(output, /playwright install|Browser logs|╔/, "none of Playwright's advice, which needs the internet");
  assert.equal(started.stderr.trim().split('\n').length, 1, `one line on stderr: ${started.stderr}`);
  return started;
}

test('npm start without Electron or a display says what to do and exits 2', { skip }, () => {
  const env = noBrowserEnv();
  delete env['DISPLAY'];
  const started = npmStart(env);
  assert.match(
    started.stderr,
    /There is no display here for a window, and Electron could not be fetched\. Use the command line instead \(`npx mesh-console --help`\)/,
  );
});

test('npm start with a display but no Chromium that can open a window says what to install and exits 2', { skip }, () => {
  const started = npmStart({ ...noBrowserEnv(), DISPLAY: BOGUS_DISPLAY });
  assert.match(started.stdout, /Opening the console in Chromium instead/);
  assert.equal(
    started.stderr.trim(),
    'No Chromium that can open a window was found: install Chromium or Chrome (Debian: `apt-get install ' +
      'chromium`), or set MESH_CHROMIUM_PATH to one.',
  );
});

test('npm start with a Chromium that cannot open a window on the display says so and exits 2', { skip }, () => {
  // What Chromium prints when its display is not there, then it exits.
  const chromium = join(folder, 'chromium-without-display');
  writeFileSync(
    chromium,
    '#!/bin/sh\necho "Missing X server or \\$DISPLAY" >&2\necho "The platform failed to initialize.  Exiting." >&2\nexit 1\n',
  );
  chmodSync(chromium, 0o755);
  const started = npmStart({ ...noBrowserEnv(), DISPLAY: BOGUS_DISPLAY, MESH_CHROMIUM_PATH: chromium });
  assert.equal(
    started.stderr.trim(),
    `Chromium (${chromium}) could not open a window on display ${BOGUS_DISPLAY}: check that the display is ` +
      `running, or use the command line instead (\`npx mesh-console --help\`).`,
  );
});

test('the same with a real Chromium, where one that can open a window is installed', async (t) => {
  if (electronPresent) return t.skip(skip as string);
  const found = await findChromium({ headed: true }).catch(() => null);
  if (!found) return t.skip('skipped: no Chromium that can open a window here (the fake one above stands in)');
  const started = npmStart({ ...noBrowserEnv(), DISPLAY: BOGUS_DISPLAY, MESH_CHROMIUM_PATH: found.executablePath });
  assert.match(started.stderr, new RegExp(`could not open a window on display ${BOGUS_DISPLAY}: check that the display is running`));
});

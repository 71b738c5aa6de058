// Launches the built app itself with Playwright's _electron, where an Electron binary is present.
// The `electron` npm package downloads its binary on first use, which needs the internet: so the
// binary is looked for (never fetched, never required) and the test says plainly when it skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright';
import { API_OPERATIONS } from '../../preload/api';
import { SCREENSHOT_DIR } from './support/harness';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The Electron executable, from ELECTRON_PATH or node_modules/electron's own path.txt; null when absent. */
function electronBinary(): string | null {
  if (process.env.ELECTRON_PATH) return existsSync(process.env.ELECTRON_PATH) ? process.env.ELECTRON_PATH : null;
  const pathFile = join(repoRoot, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(repoRoot, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function skipReason(): string | false {
  if (!electronBinary())
    return (
      'skipped: no Electron binary here (node_modules/electron/dist is missing; its download needs the internet). ' +
      'Set ELECTRON_PATH to run it.'
    );
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return 'skipped: Electron is present but there is no display (run under xvfb-run).';
  return false;
}

test(
  'the packaged console starts locked down, on the local sandbox, and exposes exactly the API',
  { skip: skipReason(), timeout: 180_000 },
  async () => {
    const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
    assert.equal(build.status, 0, 'npm run build failed');

    const dataDir = mkdtempSync(join(tmpdir(), 'mesh-console-electron-'));
    const app = await electron.launch({
      executablePath: electronBinary()!,
      args: [join(repoRoot, 'dist', 'main', 'index.js')],
      cwd: repoRoot,
      env: { ...process.env, MESH_CONSOLE_DATA_DIR: dataDir, NODE_ENV: 'test' } as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor({ timeout: 60_000 });
      await page.getByText('Local MESH sandbox — not NHS MESH').first().waitFor({ timeout: 60_000 });

      const exposed = await page.evaluate(() => ({
        keys: Object.keys((window as unknown as { meshConsole: object }).meshConsole).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        popup: window.open('https://example.org') === null,
      }));
      assert.deepEqual(exposed.keys, [...API_OPERATIONS, 'onEvent'].sort());
      assert.equal(exposed.require, 'undefined');
      assert.equal(exposed.process, 'undefined');
      assert.equal(exposed.popup, true, 'window.open must be denied');

      // getLastWebPreferences is Electron's own (undocumented, untyped) record of what the window was made with.
      type Prefs = { contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean; webSecurity?: boolean };
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Prefs };
        return contents.getLastWebPreferences();
      });
      assert.equal(prefs?.contextIsolation, true);
      assert.equal(prefs?.sandbox, true);
      assert.equal(prefs?.nodeIntegration, false);
      assert.equal(prefs?.webSecurity, true);

      const overview = await page.evaluate(() =>
        (window as unknown as { meshConsole: { overview(): Promise<{ sandbox: boolean }> } }).meshConsole.overview(),
      );
      assert.equal(overview.sandbox, true);

      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'electron-overview.png') });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
);

// `npm start`: builds the console and opens it. Electron's binary is fetched on first use; where
// it cannot be (no internet), the same console opens in a Chromium window, bound to the same
// service, when there is a display to show it on and a Chromium that can show a window
// (MESH_CHROMIUM_PATH, Playwright's, or the system's). Otherwise one sentence and exit 2.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function step(label, args) {
  console.log(label);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// require('electron') fetches the binary on first use and prints its own stack trace when it
// cannot: ask in a child process and keep only the first line of what went wrong.
function electronBinary() {
  console.log('Looking for Electron (fetched on first use)…');
  const found = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8' });
  const path = found.status === 0 ? found.stdout.trim() : '';
  if (path) return path;
  const thrown = `${found.stderr ?? ''}`
    .split('\n')
    .filter((line) => /^\w*Error: /.test(line))
    .at(-1);
  console.log(`Electron is not available: ${thrown?.replace(/^\w*Error: /, '') ?? 'it could not be loaded.'}`);
  return undefined;
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

const electron = electronBinary();
if (electron) {
  console.log('Building the renderer…');
  process.chdir(root);
  const { build } = await import('vite');
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
  step('Building the main process…', ['scripts/build-main.js']);
  run(electron, ['.']);
} else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  // Said before any build: there would be nothing to show it on.
  console.error(
    'There is no display here for a window, and Electron could not be fetched. ' +
      'Use the command line instead (`npx mesh-console --help`), or run `npm start` on a desktop.',
  );
  process.exit(2);
} else {
  // browser-console.ts looks for a Chromium that can open a window first (a sentence and exit 2
  // when there is none), then builds the renderer itself, as the GUI tests do.
  console.log('Opening the console in Chromium instead (same service, same screens).');
  run(process.execPath, ['--import', 'tsx', 'scripts/browser-console.ts']);
}

// `npm start`: builds the console and opens it. Electron's binary is fetched on first use; where
// it cannot be (no internet), the same console opens in Chromium, bound to the same service,
// when there is a display to show it on.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function step(label, args) {
  console.log(label);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function electronBinary() {
  try {
    return require('electron'); // downloads the binary on first use; throws when it cannot
  } catch (error) {
    console.log(`Electron is not available: ${error.message.split('\n')[0]}`);
    return undefined;
  }
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

console.log('Building the renderer…');
process.chdir(root);
const { build } = await import('vite');
await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
step('Building the main process…', ['scripts/build-main.js']);

const electron = electronBinary();
if (electron) {
  run(electron, ['.']);
} else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'There is no display here for a window, and Electron could not be fetched. ' +
      'Use the command line instead (`npx mesh-console --help`), or run `npm start` on a desktop.',
  );
  process.exit(2);
} else {
  console.log('Opening the console in Chromium instead (same service, same screens).');
  run(process.execPath, ['--import', 'tsx', 'scripts/browser-console.ts']);
}

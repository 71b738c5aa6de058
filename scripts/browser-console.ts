// `npm start` where Electron cannot be had: the console's screens in a Chromium window, bound to
// the same service the Electron shell would create (same data folder, same local MESH server).
// It reuses the GUI tests' harness, which binds window.meshConsole through main/ipc.ts's
// validating invoker. Files and folders are chosen in the window (window-dialogs.ts); secrets are encrypted with a
// key file in the data folder (the app itself uses the system keyring through safeStorage).
// The window needs a Chromium that can show one (test/gui/support/chromium.ts: MESH_CHROMIUM_PATH,
// Playwright's, or the system's; not the headless one `npm ci` brings): without one, or when it
// cannot open a window on this display, one sentence and exit 2.
import { chromium, type Browser, type Page } from 'playwright';
import { createConsoleService } from '../main/app/service';
import { defaultDataDir } from '../main/settings/data-dir';
import { FileKeyEncryptor } from '../main/settings/file-encryptor';
import { CHROMIUM_ARGS, ChromiumNotFound, findChromium } from '../test/gui/support/chromium';
import { startGui, stopGuiHarness } from '../test/gui/support/harness';
import { windowDialogs } from './window-dialogs';

function refuse(sentence: string): never {
  console.error(sentence);
  process.exit(2);
}

async function openWindow(): Promise<Browser> {
  let executablePath: string;
  try {
    ({ executablePath } = await findChromium({ headed: true }));
  } catch (error) {
    if (error instanceof ChromiumNotFound) refuse(error.message);
    throw error;
  }
  try {
    return await chromium.launch({ headless: false, executablePath, args: [...CHROMIUM_ARGS, '--window-size=1280,900'] });
  } catch (error) {
    // Playwright's message carries Chromium's whole log and advice that needs the internet: keep a sentence.
    const log = (error as Error).message;
    const display = process.env.WAYLAND_DISPLAY
      ? `Wayland display ${process.env.WAYLAND_DISPLAY}`
      : `display ${process.env.DISPLAY ?? '(none)'}`;
    if (/Missing X server|cannot open display|platform failed to initialize|without having a XServer/i.test(log)) {
      refuse(
        `Chromium (${executablePath}) could not open a window on ${display}: check that the display is running, or use ` +
          `the command line instead (\`npx mesh-console --help\`).`,
      );
    }
    refuse(`Chromium (${executablePath}) did not start: ${log.split('\n')[0]!.replace(/^browserType\.launch: /, '')}`);
  }
}

const browser = await openWindow();
// The service is made before the page it asks its questions in.
const shown: { page?: Page } = {};
const dataDir = process.env.MESH_CONSOLE_DATA_DIR ?? process.env.MESH_DATA_DIR ?? defaultDataDir();
const service = await createConsoleService({
  dataDir,
  ports: {
    dialogs: windowDialogs(() => shown.page),
    notifications: { notify: (title, body) => console.log(`${title}: ${body}`) },
    secrets: FileKeyEncryptor.inDataDir(dataDir),
  },
});
const gui = await startGui(service, { browser, viewport: null });
shown.page = gui.page;
console.log(`The console is open (data in ${dataDir}). Close its window, or press Ctrl+C here, to stop.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await gui.close().catch(() => undefined);
  await browser.close().catch(() => undefined);
  await stopGuiHarness();
  await service.close();
  process.exit(0);
}
gui.page.on('close', () => void stop());
browser.on('disconnected', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

// `npm start` where Electron cannot be had: the console's screens in a Chromium window, bound to
// the same service the Electron shell would create (same data folder, same local MESH server).
// It reuses the GUI tests' harness, which binds window.meshConsole through main/ipc.ts's
// validating invoker. Native dialogs are asked in this terminal; secrets are encrypted with a
// key file in the data folder (the app itself uses the system keyring through safeStorage).
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { chromium } from 'playwright';
import type { DialogPort } from '../main/ports';
import { createConsoleService } from '../main/service';
import { defaultDataDir } from '../main/settings/data-dir';
import { FileKeyEncryptor } from '../main/settings/file-encryptor';
import { CHROMIUM_ARGS, startGui, stopGuiHarness } from '../test/gui/support/harness';

async function ask(question: string): Promise<string | null> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await terminal.question(`${question} (Enter to cancel): `)).trim();
    return answer || null;
  } finally {
    terminal.close();
  }
}

const terminalDialogs: DialogPort = {
  openFile: ({ title }) => ask(`${title}: path of the file`),
  openFolder: ({ title }) => ask(`${title}: path of the folder`),
  saveFile: ({ title, defaultName }) => ask(`${title}: path to save to (suggested name ${defaultName})`),
};

const dataDir = process.env.MESH_CONSOLE_DATA_DIR ?? process.env.MESH_DATA_DIR ?? defaultDataDir();
const service = await createConsoleService({
  dataDir,
  ports: {
    dialogs: terminalDialogs,
    notifications: { notify: (title, body) => console.log(`${title}: ${body}`) },
    secrets: FileKeyEncryptor.inDataDir(dataDir),
  },
});
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({
  headless: false,
  ...(executablePath ? { executablePath } : {}),
  args: [...CHROMIUM_ARGS, '--window-size=1280,900'],
});
const gui = await startGui(service, { browser, viewport: null });
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

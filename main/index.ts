// The Electron shell: the only place that starts Electron. It makes the service with Electron-backed
// ports, serves it over IPC to one locked-down window, keeps running in the tray while scheduled
// jobs are on, turns alerts into native notifications and wakes the scheduler after sleep.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsoleService } from './app/service';
import { CONTENT_SECURITY_POLICY } from '../renderer/csp';
import { registerIpc, type ConsoleService } from './ipc';
import { alertFor, certificateAlert, createAlertGate } from './electron/alerts';
import { createDialogPort } from './electron/dialogs';
import { createFileManagerPort } from './electron/file-manager';
import { createNotificationPort } from './electron/notifications';
import { createSecretEncryptor } from './electron/secret-encryptor';
import { defaultDataDir } from './settings/data-dir';
import { FileKeyEncryptor } from './settings/file-encryptor';
import { createTray, showTrayProfiles, trayIconPng } from './electron/tray';
import { followTrayLines } from './electron/tray-profiles';
import { APP_SCHEME_PRIVILEGES, APP_URL, serveApp } from './electron/app-protocol';
import { lockDownContents, lockDownSession, windowOptions } from './electron/window';
import { failWritesPastFileSizeLimit } from './files/file-size-limit';

// A download or export past a file size limit fails with a sentence instead of ending the app.
failWritesPastFileSizeLimit();

const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const rendererDir = join(here, '../renderer');
// The page is app://console/index.html, served from rendererDir only (main/electron/app-protocol.ts).
const appUrl = APP_URL;
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let window: BrowserWindow | null = null;
let tray: Tray | null = null;
let service: ConsoleService | null = null;
let quitting = false;
let closed = false;

/**
 * The console's data: MESH_CONSOLE_DATA_DIR when given (tests), else the service's own default
 * (MESH_DATA_DIR, else the platform's app data folder), the same folder the command line uses.
 */
function consoleDataDir(): string | undefined {
  return process.env.MESH_CONSOLE_DATA_DIR || undefined;
}

/** Chromium's own caches and storage stay in a folder of their own, apart from the console's data. */
function shellDir(): string {
  const dir = join(app.getPath('userData'), 'desktop-shell');
  mkdirSync(dir, { recursive: true });
  return dir;
}

function showWindow(): void {
  if (!window || window.isDestroyed()) window = createWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function quit(): void {
  quitting = true;
  app.quit();
}

function createWindow(): BrowserWindow {
  // Its contents are locked down by the 'web-contents-created' handler, like any other.
  const win = new BrowserWindow(
    windowOptions(preloadPath, { icon: nativeImage.createFromBuffer(trayIconPng()), devTools: !app.isPackaged }),
  );
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    void keepInTrayOrQuit(win);
  });
  win.on('closed', () => {
    if (window === win) window = null;
  });
  void win.loadURL(appUrl);
  return win;
}

/** Closing the window hides it while scheduled jobs are on (said once), and quits otherwise. */
async function keepInTrayOrQuit(win: BrowserWindow): Promise<void> {
  let jobsOn: boolean;
  try {
    jobsOn = (await service?.settings())?.jobsEnabled ?? false;
  } catch {
    jobsOn = false;
  }
  if (!jobsOn) return quit();
  win.hide();
  const marker = join(shellDir(), 'tray-notice-shown');
  if (!existsSync(marker)) {
    writeFileSync(marker, new Date().toISOString());
    createNotificationPort(Notification, showWindow).notify(
      'MESH console is still running',
      'Scheduled jobs are on, so the console keeps running in the tray. Choose Quit from the tray icon to stop it.',
    );
  }
}

function applicationMenu(): Menu {
  return Menu.buildFromTemplate([
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [{ label: 'Quit MESH console', accelerator: 'CmdOrCtrl+Q', click: quit }] },
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ]);
}

async function start(): Promise<void> {
  serveApp(protocol, rendererDir, CONTENT_SECURITY_POLICY);
  lockDownSession(session.defaultSession, CONTENT_SECURITY_POLICY);
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, appUrl));
  Menu.setApplicationMenu(applicationMenu());

  const notifications = createNotificationPort(Notification, showWindow);
  const dataDir = consoleDataDir() ?? defaultDataDir();
  service = await createConsoleService({
    dataDir,
    ports: {
      dialogs: createDialogPort(dialog, () => window),
      notifications,
      // One key file for the app and the command line (README, "Configuration"); what safeStorage kept before moves over.
      secrets: FileKeyEncryptor.inDataDir(dataDir),
      legacySecrets: createSecretEncryptor(safeStorage),
      fileManager: createFileManagerPort(shell),
    },
  });

  registerIpc({ ipcMain, service, getWindow: () => window, appUrl });

  const shouldSay = createAlertGate();
  const say = (alert: ReturnType<typeof alertFor>) => {
    if (alert && shouldSay(alert)) notifications.notify(alert.title, alert.body);
  };
  service.subscribe((event) => say(alertFor(event)));
  void service
    .certificate()
    .then((certificate) => say(certificateAlert(certificate)))
    .catch(() => undefined);

  powerMonitor.on('resume', () => service?.wake?.());

  const trayActions = { open: showWindow, quit };
  const shownTray = createTray({ Tray, Menu, nativeImage }, trayActions);
  tray = shownTray;
  followTrayLines(service, (lines) => {
    if (!shownTray.isDestroyed()) showTrayProfiles(shownTray, Menu, trayActions, lines);
  });
  window = createWindow();
}

app.setPath('sessionData', join(shellDir(), 'session'));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    // The window's close handler decides between tray and quit; nothing to do here.
  });
  app.on('will-quit', (event) => {
    if (closed || !service) return;
    event.preventDefault();
    tray?.destroy();
    void service.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('MESH console could not start', error instanceof Error ? error.message : String(error));
      closed = true;
      app.exit(1);
    });
}

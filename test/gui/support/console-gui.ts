// The real console behind the real renderer, for a GUI test file: a service on a temporary data
// folder with its local MESH server, native dialogs answered by script, and the page bound to it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { createConsoleService, type ConsoleService, type ConsoleServiceOptions } from '../../../main/app/service';
import type { DialogPort } from '../../../main/ports';
import { FileKeyEncryptor } from '../../../main/settings/file-encryptor';
import { scriptedDialogs, type ScriptedDialogs } from '../../support/scripted-dialogs';
import { startGui, stopGuiHarness, type Gui } from './harness';

export interface ConsoleGui {
  dir: string;
  /** The native dialogs, answered by script (unless options.dialogs put others in their place). */
  dialogs: ScriptedDialogs;
  service: ConsoleService;
  gui: Gui;
  page: Page;
  /** Clicks a section in the navigation. */
  open(section: string): Promise<void>;
  /** The local MESH server's admin handle. */
  admin(): NonNullable<ConsoleService['runtime']['local']>['server']['admin'];
  /** The inbox grid's row holding this text. */
  inboxRow(text: string): ReturnType<Page['getByRole']>;
  /**
   * Closes the page and the service, then starts both again on the same data folder (and its local
   * MESH server's data), as an operator quitting and reopening the app; service, gui and page are replaced.
   * `whileClosed` runs in between, as something done to the data folder while the app is not running.
   */
  restart(whileClosed?: () => Promise<void> | void): Promise<void>;
  /** Closes the page, the service and the browser, then removes the data folder. */
  close(): Promise<void>;
}

export interface ConsoleGuiOptions {
  /** settings.json as the console finds it at start; `dir` is the test's temporary folder. */
  settings?: (dir: string) => Record<string, unknown>;
  fileManager?: ConsoleServiceOptions['ports']['fileManager'];
  now?: ConsoleServiceOptions['now'];
  /** The environment the console is started with (its MESH_* variables); none by default. */
  env?: NodeJS.ProcessEnv;
  /** Other dialogs in place of the scripted ones, given the page on screen (the Chromium fallback's window dialogs). */
  dialogs?: (page: () => Page | undefined) => DialogPort;
  /** Runs once the service has started and before the page opens: data the first screen must already show. */
  beforePage?: (service: ConsoleService) => Promise<void>;
}

export async function startConsoleGui(folderPrefix: string, options: ConsoleGuiOptions = {}): Promise<ConsoleGui> {
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
  const dialogs = scriptedDialogs();
  if (options.settings) {
    // As an operator's data folder is: the owner's only.
    mkdirSync(join(dir, 'data'), { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify(options.settings(dir)), { mode: 0o600 });
  }
  const onScreen: { page?: Page } = {};
  const startService = () =>
    createConsoleService({
      dataDir: join(dir, 'data'),
      env: options.env ?? {},
      startScheduler: false,
      ports: {
        dialogs: options.dialogs ? options.dialogs(() => onScreen.page) : dialogs,
        notifications: { notify: () => undefined },
        secrets: new FileKeyEncryptor(join(dir, 'keys', 'secret.key')),
        ...(options.fileManager ? { fileManager: options.fileManager } : {}),
      },
      ...(options.now ? { now: options.now } : {}),
    });
  const service = await startService();
  let gui: Gui;
  try {
    await options.beforePage?.(service);
    gui = await startGui(service);
  } catch (error) {
    // Nothing left running to keep the test process alive; the error is what the test reports.
    await service.close().catch(() => undefined);
    throw error;
  }
  const handle: ConsoleGui = {
    dir,
    dialogs,
    service,
    gui,
    page: gui.page,
    open: (section) => handle.page.getByRole('navigation').getByRole('button', { name: section, exact: true }).click(),
    admin: () => {
      const local = handle.service.runtime.local;
      assert.ok(local, 'the console runs on its local MESH server');
      return local.server.admin;
    },
    inboxRow: (text) => handle.page.getByRole('grid', { name: 'Inbox messages' }).getByRole('row').filter({ hasText: text }),
    restart: async (whileClosed) => {
      await handle.gui.close();
      await handle.service.close();
      await whileClosed?.();
      handle.service = await startService();
      handle.gui = await startGui(handle.service);
      handle.page = onScreen.page = handle.gui.page;
    },
    close: async () => {
      await handle.gui.close();
      await handle.service.close();
      await stopGuiHarness();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  onScreen.page = handle.page;
  return handle;
}

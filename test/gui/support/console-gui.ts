// The real console behind the real renderer, for a GUI test file: a service on a temporary data
// folder with its local MESH server, native dialogs answered by script, and the page bound to it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { createConsoleService, type ConsoleService, type ConsoleServiceOptions } from '../../../main/app/service';
import { FileKeyEncryptor } from '../../../main/settings/file-encryptor';
import { scriptedDialogs, type ScriptedDialogs } from '../../support/scripted-dialogs';
import { startGui, stopGuiHarness, type Gui } from './harness';

export interface ConsoleGui {
  dir: string;
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
   */
  restart(): Promise<void>;
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
}

export async function startConsoleGui(folderPrefix: string, options: ConsoleGuiOptions = {}): Promise<ConsoleGui> {
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
  const dialogs = scriptedDialogs();
  if (options.settings) {
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'settings.json'), JSON.stringify(options.settings(dir)));
  }
  const startService = () =>
    createConsoleService({
      dataDir: join(dir, 'data'),
      env: options.env ?? {},
      startScheduler: false,
      ports: {
        dialogs,
        notifications: { notify: () => undefined },
        secrets: new FileKeyEncryptor(join(dir, 'keys', 'secret.key')),
        ...(options.fileManager ? { fileManager: options.fileManager } : {}),
      },
      ...(options.now ? { now: options.now } : {}),
    });
  const service = await startService();
  const gui = await startGui(service);
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
    restart: async () => {
      await handle.gui.close();
      await handle.service.close();
      handle.service = await startService();
      handle.gui = await startGui(handle.service);
      handle.page = handle.gui.page;
    },
    close: async () => {
      await handle.gui.close();
      await handle.service.close();
      await stopGuiHarness();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return handle;
}

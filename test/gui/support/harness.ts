// Drives the built renderer in Chromium (./chromium.ts finds one: MESH_CHROMIUM_PATH, Playwright's,
// the system's, or the one `npm ci` brings in @sparticuz/chromium) with `window.meshConsole` bound
// to a service object living in the test process. Every call crosses the same boundary as in the app: main/ipc.ts's
// invoker validates the arguments with the operation's schema and wraps errors as sentences.
//
//   const service = await createConsoleService({ dataDir, ports });   // the real one
//   const gui = await startGui(service);
//   await gui.page.getByRole('button', { name: 'Inbox' }).click();
//   await gui.screenshot('inbox');
//   await gui.close();                                                   // closes page and server, not the service
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { API_OPERATIONS, NOT_A_DROPPED_FILE, type ConsoleEvent } from '../../../preload/api';
import { droppedFilePath } from './dropped-file';
import { createOperationInvoker, type ConsoleService } from '../../../main/ipc';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { buildRenderer } from './renderer-build';
import { serveFolder, type StaticServer } from './static-server';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
export const SCREENSHOT_DIR = join(repoRoot, 'test-results', 'screenshots');

/** What the harness needs of the service: the operations plus subscribe (the real service's shape). */
export type GuiService = Pick<ConsoleService, 'subscribe'> & Partial<ConsoleService>;

export interface GuiOptions {
  viewport?: { width: number; height: number } | null;
  /** A browser of the caller's (e.g. a headed one for `npm start`'s fallback); default a shared headless one. */
  browser?: Browser;
}

export interface Gui {
  page: Page;
  context: BrowserContext;
  /** The page's console errors, uncaught exceptions and CSP violations, for tests to assert none. */
  problems: string[];
  /** Pushes an event to the page's onEvent listeners, as main would (the service's own events go there too). */
  emit(event: ConsoleEvent): Promise<void>;
  /** Saves test-results/screenshots/<name>.png and returns its path. */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  /** Closes the page, its context and the static server; the service is the caller's to close. */
  close(): Promise<void>;
}

let browser: Promise<Browser> | undefined;
let server: Promise<StaticServer> | undefined;

function sharedBrowser(): Promise<Browser> {
  // No Chromium at all is a failure with what to install (ChromiumNotFound's sentence), never a skip.
  browser ??= findChromium().then(({ executablePath }) => chromium.launch({ executablePath, args: CHROMIUM_ARGS }));
  return browser;
}

function sharedServer(): Promise<StaticServer> {
  server ??= buildRenderer().then(serveFolder);
  return server;
}

/** Closes the shared Chromium and static server; call once in the test file's `after`. */
export async function stopGuiHarness(): Promise<void> {
  const [b, s] = [browser, server];
  browser = undefined;
  server = undefined;
  // A browser that never launched has already failed its test with the reason: no second failure here.
  await Promise.all([
    b?.then(
      (x) => x.close(),
      () => undefined,
    ),
    s?.then((x) => x.close()),
  ]);
}

// Runs in the page before its scripts: builds window.meshConsole exactly like preload/index.ts does.
// Plain JavaScript text, so no transpiler helper ends up in the page.
const BRIDGE_SCRIPT = (operations: readonly string[]) => `(() => {
  const invoke = window.__meshConsoleInvoke;
  const listeners = new Set();
  const api = {};
  for (const operation of ${JSON.stringify(operations)}) {
    api[operation] = async (...args) => {
      const envelope = await invoke(operation, args);
      if (envelope && envelope.ok) return envelope.value;
      throw new Error(envelope && envelope.error ? envelope.error.message : 'The console received an answer it does not understand.');
    };
  }
  // As the preload does with webUtils.getPathForFile: the page hands over a File, never a path;
  // the harness asks Chromium where that File is on disk (only a file dropped or picked has a place).
  const dropped = window.__meshConsoleDroppedPath;
  api.chooseDroppedFile = async (file) => {
    Object.defineProperty(window, '__meshConsoleDropped', { value: file, configurable: true });
    const envelope = await dropped();
    if (envelope && envelope.ok) return envelope.value;
    throw new Error(envelope && envelope.error ? envelope.error.message : 'The console received an answer it does not understand.');
  };
  api.onEvent = (listener) => {
    listeners.add(listener);
    return () => { listeners.delete(listener); };
  };
  Object.defineProperty(window, '__meshConsolePush', {
    value: (event) => { for (const listener of [...listeners]) listener(event); },
  });
  Object.defineProperty(window, 'meshConsole', { value: Object.freeze(api) });
})();`;

const CSP_REPORTER = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline content'));
});`;

/**
 * Opens the built renderer in a fresh page with `window.meshConsole` bound to `service`.
 * With `null` no bridge is installed: the page as it would be if the preload never ran.
 */
export async function startGui(service: GuiService | null, options: GuiOptions = {}): Promise<Gui> {
  const [b, s] = await Promise.all([options.browser ?? sharedBrowser(), sharedServer()]);
  const viewport = options.viewport === undefined ? { width: 1280, height: 860 } : options.viewport;
  const context = await b.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`Uncaught: ${error.message}`));

  if (service) {
    const invoke = createOperationInvoker(service as ConsoleService);
    // As main/ipc.ts checks the sender: only the console page's own top frame may call, not a
    // frame inside it nor a page that navigated elsewhere (npm start's Chromium fallback uses this too).
    await page.exposeBinding('__meshConsoleInvoke', (source, operation: string, args: unknown[]) => {
      if (source.frame !== page.mainFrame() || new URL(source.frame.url()).origin !== new URL(s.url).origin) {
        throw new Error(`${operation} was refused: only the console's own page may call it.`);
      }
      return invoke(operation, args);
    });
    await page.exposeBinding('__meshConsoleDroppedPath', async (source) => {
      if (source.frame !== page.mainFrame()) throw new Error("Only the console's own page may hand over a dropped file.");
      const path = await droppedFilePath(page);
      return path ? invoke('chooseDroppedFile', [path]) : { ok: false, error: { message: NOT_A_DROPPED_FILE, kind: 'not-a-file' } };
    });
    await page.addInitScript({ content: BRIDGE_SCRIPT(API_OPERATIONS.filter((operation) => operation !== 'chooseDroppedFile')) });
  }
  await page.addInitScript({ content: CSP_REPORTER });
  // tsx compiles tests with esbuild's keepNames, which wraps named inner functions in __name(...):
  // give the page a no-op one so functions passed to page.evaluate run there as written.
  await page.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });

  // Events reach the page in order: each push waits for the one before.
  let queue: Promise<unknown> = Promise.resolve();
  const emit = (event: ConsoleEvent) => {
    queue = queue
      .then(() => page.evaluate((e) => (window as unknown as { __meshConsolePush: (e: unknown) => void }).__meshConsolePush(e), event))
      .catch(() => undefined);
    return queue.then(() => undefined);
  };
  const unsubscribe = service ? service.subscribe((event) => void emit(event)) : () => undefined;

  await page.goto(s.url);
  try {
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });
  } catch (error) {
    unsubscribe();
    await context.close();
    throw new Error(`The console page did not render: ${problems.join(' | ') || (error as Error).message}`, { cause: error });
  }

  return {
    page,
    context,
    problems,
    emit,
    async screenshot(name, shotOptions) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      // The side navigation is sticky: scroll to the top so a full-page shot shows it in place.
      if (shotOptions?.fullPage) await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path, fullPage: shotOptions?.fullPage ?? false });
      return path;
    },
    async close() {
      unsubscribe();
      await context.close();
    },
  };
}

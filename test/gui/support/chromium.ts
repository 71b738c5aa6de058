// Which Chromium the GUI tests and `npm start`'s Chromium fallback launch, looked for in this order:
//
//   1. MESH_CHROMIUM_PATH, when set (a path that is not an executable file is an error, not skipped);
//   2. Playwright's own browser, where `npx playwright install chromium` has downloaded one;
//   3. a Chromium or Chrome installed on the system (chromium, chromium-browser, google-chrome... on PATH);
//   4. headless only: the Chromium inside the @sparticuz/chromium devDependency (Linux x64), which
//      `npm ci` brings with no download and no install script. It is unpacked once per install into
//      node_modules/.cache/, not /tmp where the package itself would put it.
//
// When none is found the answer is one sentence saying what to install, thrown as ChromiumNotFound.
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright';

export const CHROMIUM_PATH_ENV = 'MESH_CHROMIUM_PATH';

/** Flags for every launch: no sandbox (CI runs as root), and no calls home (this machine has no internet). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Names a system Chromium or Chrome goes by on PATH. */
const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export type ChromiumSource = 'environment' | 'playwright' | 'system' | 'package';

export interface FoundChromium {
  executablePath: string;
  source: ChromiumSource;
}

export interface ChromiumLookup {
  /** A window is needed (npm start): the package's headless-only Chromium does not count. */
  headed?: boolean;
  /** Where MESH_CHROMIUM_PATH and PATH are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Playwright's browser path; default chromium.executablePath(). */
  playwrightPath?: () => string;
  /** Unpacks the packaged headless Chromium, or null where there is none; default @sparticuz/chromium. */
  packaged?: () => Promise<string | null>;
}

export class ChromiumNotFound extends Error {
  override name = 'ChromiumNotFound';
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first Chromium or Chrome on PATH, then the usual install places on macOS and Windows. */
export function systemChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const folders = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const exe = process.platform === 'win32' ? '.exe' : '';
  for (const name of SYSTEM_NAMES) {
    for (const folder of folders) {
      const candidate = join(folder, name + exe);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  const known =
    process.platform === 'darwin'
      ? ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']
      : process.platform === 'win32'
        ? [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA]
            .filter((folder): folder is string => Boolean(folder))
            .map((folder) => join(folder, 'Google', 'Chrome', 'Application', 'chrome.exe'))
        : [];
  return known.find(isExecutableFile) ?? null;
}

function playwrightChromium(): string {
  return chromium.executablePath();
}

/**
 * @sparticuz/chromium's headless Chromium, unpacked into node_modules/.cache/mesh-console-chromium/<version>/.
 * The package unpacks into os.tmpdir() and trusts whatever /tmp/chromium it finds there (another
 * version's, or one half written by a parallel test process), so it runs in a child process with
 * TMPDIR set to a folder of its own, which is then renamed into place: a rename is atomic, so a
 * parallel process sees either no folder or a whole one.
 */
export async function packagedChromium(
  cacheDir = join(repoRoot, 'node_modules', '.cache', 'mesh-console-chromium'),
): Promise<string | null> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  } catch {
    return null;
  }
  const packageDir = join(dirname(entry), '..', '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const finalDir = join(cacheDir, version);
  const binary = join(finalDir, 'chromium');
  if (isExecutableFile(binary)) return binary;

  mkdirSync(cacheDir, { recursive: true });
  const staging = mkdtempSync(join(cacheDir, '.unpacking-'));
  try {
    const unpack = `import('@sparticuz/chromium').then((m) => m.default.executablePath()).then((p) => process.stdout.write(p))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', unpack], {
      cwd: repoRoot,
      env: { ...process.env, TMPDIR: staging },
      maxBuffer: 1 << 20,
    });
    if (stdout.trim() !== join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${stdout.trim()}, not ${staging}.`);
    try {
      renameSync(staging, finalDir);
    } catch (error) {
      // A parallel process renamed its copy first: fine. A folder there without the binary was not
      // put there by this code (its renames are whole), so say so rather than remove it under someone.
      if (!isExecutableFile(binary)) {
        throw new Error(`${finalDir} is there but holds no chromium: delete that folder and run again (${(error as Error).message}).`, {
          cause: error,
        });
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return isExecutableFile(binary) ? binary : null;
}

/** The Chromium to launch, by the order at the top of this file; throws ChromiumNotFound with what to install. */
export async function findChromium(lookup: ChromiumLookup = {}): Promise<FoundChromium> {
  const env = lookup.env ?? process.env;
  const named = env[CHROMIUM_PATH_ENV];
  if (named) {
    if (isExecutableFile(named)) return { executablePath: named, source: 'environment' };
    throw new ChromiumNotFound(
      `${CHROMIUM_PATH_ENV} is ${named}, which is not an executable file: point it at a Chromium or Chrome, or unset it.`,
    );
  }
  let playwrightPath = '';
  try {
    playwrightPath = (lookup.playwrightPath ?? playwrightChromium)();
  } catch {
    // Playwright knows no browser for this platform.
  }
  if (playwrightPath && isExecutableFile(playwrightPath)) {
    return { executablePath: playwrightPath, source: 'playwright' };
  }
  const system = systemChromium(env);
  if (system) return { executablePath: system, source: 'system' };
  if (!lookup.headed) {
    const packaged = await (lookup.packaged ?? packagedChromium)();
    if (packaged) return { executablePath: packaged, source: 'package' };
    throw new ChromiumNotFound(
      `No Chromium was found for the GUI tests: run \`npm ci\` on Linux x64 (it brings one in @sparticuz/chromium), ` +
        `install Chromium or Chrome (Debian: \`apt-get install chromium\`), or set ${CHROMIUM_PATH_ENV} to one.`,
    );
  }
  throw new ChromiumNotFound(
    `No Chromium that can open a window was found: install Chromium or Chrome (Debian: \`apt-get install chromium\`), ` +
      `or set ${CHROMIUM_PATH_ENV} to one.`,
  );
}

// Which Chromium the GUI tests and npm start's fallback launch (test/gui/support/chromium.ts):
// MESH_CHROMIUM_PATH, then Playwright's, then the system's on PATH, then (headless only) the one
// @sparticuz/chromium brings with `npm ci`; none at all is one sentence saying what to install.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChromiumNotFound, findChromium, packagedChromium, type ChromiumLookup } from './support/chromium';

function fakeExecutable(folder: string, name: string): string {
  const path = join(folder, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

const folder = mkdtempSync(join(tmpdir(), 'mesh-chromium-lookup-'));
const systemBin = mkdtempSync(join(folder, 'bin-'));
const emptyBin = mkdtempSync(join(folder, 'empty-'));
const named = fakeExecutable(folder, 'my-chrome');
const playwrights = fakeExecutable(folder, 'playwright-chrome');
const system = fakeExecutable(systemBin, 'chromium-browser');
const notExecutable = join(folder, 'not-executable');
writeFileSync(notExecutable, '');
const missing = join(folder, 'missing', 'chrome');
const packaged = async () => join(folder, 'packaged-chromium');
const noPackage = async () => null;
const refusePackage = async (): Promise<string> => {
  throw new Error('the headless package must not be asked for a window');
};

function lookup(env: NodeJS.ProcessEnv, rest: Partial<ChromiumLookup> = {}): ChromiumLookup {
  return { env, playwrightPath: () => missing, packaged: noPackage, ...rest };
}

test('MESH_CHROMIUM_PATH comes first, before Playwright, the system and the package', async () => {
  const found = await findChromium(lookup({ MESH_CHROMIUM_PATH: named, PATH: systemBin }, { playwrightPath: () => playwrights, packaged }));
  assert.deepEqual(found, { executablePath: named, source: 'environment' });
});

test('MESH_CHROMIUM_PATH naming no executable is said, not passed over', async () => {
  for (const path of [missing, notExecutable, folder]) {
    await assert.rejects(
      findChromium(lookup({ MESH_CHROMIUM_PATH: path, PATH: systemBin }, { packaged })),
      (error: Error) =>
        error instanceof ChromiumNotFound &&
        error.message === `MESH_CHROMIUM_PATH is ${path}, which is not an executable file: point it at a Chromium or Chrome, or unset it.`,
    );
  }
});

test("Playwright's downloaded browser comes before the system's, and only where its file exists", async () => {
  assert.deepEqual(await findChromium(lookup({ PATH: systemBin }, { playwrightPath: () => playwrights })), {
    executablePath: playwrights,
    source: 'playwright',
  });
  assert.deepEqual(await findChromium(lookup({ PATH: systemBin })), { executablePath: system, source: 'system' });
  const throwing = () => {
    throw new Error('no browser for this platform');
  };
  assert.deepEqual(await findChromium(lookup({ PATH: systemBin }, { playwrightPath: throwing })), {
    executablePath: system,
    source: 'system',
  });
});

test('a system Chromium is found by name on PATH; a file there that is not executable is not one', async () => {
  const other = mkdtempSync(join(folder, 'other-'));
  writeFileSync(join(other, 'chromium'), '');
  const chrome = fakeExecutable(other, 'google-chrome');
  assert.deepEqual(await findChromium(lookup({ PATH: [emptyBin, other, systemBin].join(':') })), {
    executablePath: system,
    source: 'system',
  });
  assert.deepEqual(await findChromium(lookup({ PATH: [emptyBin, other].join(':') })), { executablePath: chrome, source: 'system' });
});

test('with nothing else, the headless tests take the packaged Chromium; with none, one sentence says what to install', async () => {
  assert.deepEqual(await findChromium(lookup({ PATH: emptyBin }, { packaged })), {
    executablePath: join(folder, 'packaged-chromium'),
    source: 'package',
  });
  await assert.rejects(findChromium(lookup({ PATH: emptyBin })), (error: Error) => {
    assert.ok(error instanceof ChromiumNotFound);
    assert.equal(
      error.message,
      'No Chromium was found for the GUI tests: run `npm ci` on Linux x64 (it brings one in @sparticuz/chromium), ' +
        'install Chromium or Chrome (Debian: `apt-get install chromium`), or set MESH_CHROMIUM_PATH to one.',
    );
    return true;
  });
});

test('a window (npm start) never gets the headless-only packaged Chromium', async () => {
  assert.deepEqual(await findChromium(lookup({ PATH: systemBin }, { headed: true, packaged: refusePackage })), {
    executablePath: system,
    source: 'system',
  });
  await assert.rejects(
    findChromium(lookup({ PATH: emptyBin }, { headed: true, packaged: refusePackage })),
    /^ChromiumNotFound: No Chromium that can open a window was found: install Chromium or Chrome \(Debian: `apt-get install chromium`\), or set MESH_CHROMIUM_PATH to one\.$/,
  );
});

test(
  '@sparticuz/chromium unpacks whole into a cache folder of its own, once, even when two ask at the same time',
  {
    skip: !(process.platform === 'linux' && process.arch === 'x64') && 'skipped: @sparticuz/chromium ships a Linux x64 Chromium only',
    timeout: 120_000,
  },
  async () => {
    const cache = mkdtempSync(join(tmpdir(), 'mesh-chromium-cache-'));
    try {
      const [a, b] = await Promise.all([packagedChromium(cache), packagedChromium(cache)]);
      assert.ok(a, 'the package is a devDependency: npm ci installs it');
      assert.equal(a, b);
      assert.ok(a.startsWith(cache), a);
      assert.deepEqual(
        readdirSync(cache).filter((name) => name.startsWith('.unpacking-')),
        [],
        'no half-unpacked folder is left',
      );
      assert.match(execFileSync(a, ['--version'], { encoding: 'utf8' }), /Chrom(e|ium)[^\n]* \d+\./);
      assert.equal(await packagedChromium(cache), a, 'the second time it is already there');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  },
);

test.after(() => rmSync(folder, { recursive: true, force: true }));

// The bundled command line loads only the code of the command being run (main/cli/command-groups.ts,
// the split bundle of scripts/build-cli.js): `count`, run as a real process against a real
// `mesh-console sandbox`, loads no DPS, export, folder or local-server code. What it loaded is
// recorded by a module hook; which sources each loaded part of the bundle holds, by its source map.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { COMMAND_GROUPS } from '../../main/cli/command-groups';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RECORD_LOADS = fileURLToPath(new URL('../support/record-module-loads.mjs', import.meta.url));

let server: MutualTlsSandbox | undefined;
let dir: string;
let bundleDir: string;
let env: Record<string, string>;

before(async () => {
  server = await startMutualTlsSandbox('mesh-console-lazy-');
  dir = server.dir;
  bundleDir = join(dir, 'bundle');
  await run(process.execPath, [join(ROOT, 'scripts/build-cli.js'), bundleDir], { cwd: ROOT });
  env = server.env('X26ABC1');
});

after(async () => {
  await server?.close();
});

/** Runs the bundle with these arguments; the sources (from each loaded part's source map) it loaded. */
async function sourcesLoadedBy(args: string[]): Promise<{ stdout: string; sources: string[] }> {
  const log = join(dir, `loads-${args[0]}.txt`);
  const { stdout } = await run(process.execPath, ['--import', RECORD_LOADS, join(bundleDir, 'mesh-console.mjs'), ...args], {
    env: { ...env, MESH_MODULE_LOAD_LOG: log },
  });
  const parts = (await readFile(log, 'utf8'))
    .split('\n')
    .filter((url) => url.startsWith('file:') && fileURLToPath(url).startsWith(bundleDir));
  const sources = new Set<string>();
  for (const part of parts) {
    const map = JSON.parse(await readFile(`${fileURLToPath(part)}.map`, 'utf8')) as { sources: string[] };
    // Sources are relative to the map; made relative to the checkout, wherever it lives (a folder named
    // main above it must not be mistaken for the code's main/).
    for (const source of map.sources) {
      const fromRoot = relative(ROOT, resolve(dirname(fileURLToPath(part)), source));
      sources.add(fromRoot.replace(/^.*?node_modules\//, 'node_modules/'));
    }
  }
  return { stdout, sources: [...sources] };
}

test('`count` loads its own command group and the MESH client, and no DPS, export, folder or local-server code', async () => {
  const { stdout, sources } = await sourcesLoadedBy(['count', '--json']);
  assert.deepEqual(JSON.parse(stdout), { count: 0 });
  const ours = sources.filter((s) => !s.startsWith('node_modules/'));
  // The record is real: what `count` needs is there.
  assert.ok(ours.includes('main/cli/mesh-commands.ts'), ours.join('\n'));
  assert.ok(ours.includes('main/mesh/client.ts'), ours.join('\n'));
  const unwanted = ours.filter((s) =>
    /^main\/(dps|sandbox|folders|jobs\/scheduler|exports\/(?!context\.ts))|^main\/cli\/(dps|folder|foreground)-commands/.test(s),
  );
  assert.deepEqual(unwanted, [], 'modules count should not load');
  const packages = sources.filter((s) => /node_modules\/(csv-parse|csv-stringify|fast-xml-parser|yaml|@peculiar)\//.test(s));
  assert.deepEqual(packages, [], 'packages count should not load');
  // Only undici's client parts (main/mesh/undici-parts.ts): its index would add fetch, WebSocket, caches, cookies and mocks.
  assert.ok(sources.includes('node_modules/undici/lib/dispatcher/agent.js'), 'the undici Agent is loaded');
  const undiciExtras = sources.filter((s) =>
    /node_modules\/undici\/(index\.js|lib\/(mock|cache|web\/(websocket|cookies|cache|eventsource)|web\/fetch\/index\.js))/.test(s),
  );
  assert.deepEqual(undiciExtras, [], 'parts of undici count should not load');
  // The settings and profiles files are checked with zod/mini: not zod's full API (classic) nor its messages in 40 languages.
  assert.ok(sources.includes('node_modules/zod/v4/mini/schemas.js'), 'zod/mini checks the settings');
  const zodExtras = sources.filter((s) => /node_modules\/zod\/v4\/(classic|locales)\//.test(s));
  assert.deepEqual(zodExtras, [], 'parts of zod count should not load');
});

test('`--help` loads every group and lists every command', async () => {
  const { stdout } = await sourcesLoadedBy(['--help']);
  for (const group of COMMAND_GROUPS) for (const name of group.commands) assert.match(stdout, new RegExp(`^  ${name}\\b`, 'm'));
});

test('each command group defines exactly the commands the table says it does', async () => {
  for (const group of COMMAND_GROUPS) {
    const program = new Command('mesh-console');
    (await group.load())(program, () => {});
    assert.deepEqual(
      program.commands.map((c) => c.name()),
      [...group.commands],
      `the group of ${group.commands[0]}`,
    );
  }
});

// The bundled command line (scripts/build-cli.js) works like the source, and bin/mesh-console.cjs
// uses it only while it is newer than everything it was built from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('the bundled command line runs real commands: demo data out, then imported with the vaccine catalogue beside it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-cli-bundle-'));
  try {
    const outDir = join(dir, 'bundle');
    await run(process.execPath, [join(ROOT, 'scripts/build-cli.js'), outDir], { cwd: ROOT });
    const bundle = join(outDir, 'mesh-console.mjs');
    // node_modules is judged by npm's own lock file, not file by file: the list is of our files only.
    const { inputs } = JSON.parse(await readFile(join(outDir, 'inputs.json'), 'utf8')) as { inputs: string[] };
    assert.ok(inputs.includes('main/cli/main.ts') && inputs.includes('main/mesh/download.ts'), inputs.join('\n'));
    assert.deepEqual(
      inputs.filter((input) => input.startsWith('node_modules/')),
      [],
    );
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, MESH_DATA_DIR: join(dir, 'data') };
    const file = join(dir, 'records.csv');
    await run(process.execPath, [bundle, 'demo-data', '20', '--out', file], { env });
    const count = async () =>
      (JSON.parse((await run(process.execPath, [bundle, 'records', '--json'], { env })).stdout) as unknown[]).length;
    const before = await count();
    const imported = await run(process.execPath, [bundle, 'import', file, '--json'], { env });
    const result = JSON.parse(imported.stdout) as { ok: boolean; added: number };
    assert.equal(result.ok, true, imported.stdout);
    assert.equal(result.added, 20);
    assert.equal(await count(), before + 20);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the bundle is used only while no file it was built from, nor the npm install, is newer', async () => {
  const { freshCliBundle } = (await import(pathToFileURL(join(ROOT, 'bin/cli-bundle.js')).href)) as {
    freshCliBundle(bundleDir: string, root: string): URL | undefined;
  };
  const root = await mkdtemp(join(tmpdir(), 'mesh-console-cli-fresh-'));
  try {
    const bundleDir = join(root, 'dist', 'cli');
    await mkdir(bundleDir, { recursive: true });
    await mkdir(join(root, 'main', 'cli'), { recursive: true });
    await mkdir(join(root, 'node_modules'));
    const old = new Date(Date.now() - 60_000);
    for (const file of ['main/cli/main.ts', 'package-lock.json', 'node_modules/.package-lock.json']) {
      await writeFile(join(root, file), '');
      await utimes(join(root, file), old, old);
    }
    assert.equal(freshCliBundle(bundleDir, root), undefined, 'no bundle yet');
    await writeFile(join(bundleDir, 'mesh-console.mjs'), '');
    assert.equal(freshCliBundle(bundleDir, root), undefined, 'no list of inputs');
    await writeFile(join(bundleDir, 'inputs.json'), JSON.stringify({ inputs: ['main/cli/main.ts'] }));
    assert.equal(freshCliBundle(bundleDir, root)?.href, pathToFileURL(join(bundleDir, 'mesh-console.mjs')).href);

    const later = new Date(Date.now() + 60_000);
    await utimes(join(root, 'main/cli/main.ts'), later, later);
    assert.equal(freshCliBundle(bundleDir, root), undefined, 'a source edited after the build');
    await utimes(join(root, 'main/cli/main.ts'), old, old);
    await utimes(join(root, 'node_modules/.package-lock.json'), later, later);
    assert.equal(freshCliBundle(bundleDir, root), undefined, 'an npm install after the build');
    await utimes(join(root, 'node_modules/.package-lock.json'), old, old);
    await writeFile(join(bundleDir, 'inputs.json'), JSON.stringify({ inputs: ['main/gone.ts'] }));
    assert.equal(freshCliBundle(bundleDir, root), undefined, 'an input that no longer exists');
    await writeFile(join(bundleDir, 'inputs.json'), JSON.stringify({ inputs: ['main/cli/main.ts'], chunks: ['part-mesh-commands-X.mjs'] }));
    assert.equal(freshCliBundle(bundleDir, root), undefined, 'a part of the bundle missing');
    await writeFile(join(bundleDir, 'part-mesh-commands-X.mjs'), '');
    assert.equal(freshCliBundle(bundleDir, root)?.href, pathToFileURL(join(bundleDir, 'mesh-console.mjs')).href, 'every part there');
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

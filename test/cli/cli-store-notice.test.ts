import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cli-support';

test('a store file that cannot be read is kept aside and the command line says so', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-cli-notice-'));
  const dataDir = join(dir, 'data');
  const broken = '{"version":1,"exports":[{"id":"cut short';
  try {
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'exports.json'), broken);
    const listed = await cli(['exports', '--json'], { MESH_DATA_DIR: dataDir });
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), [], 'a new, empty exports store');
    const keptAs = (await readdir(dataDir)).filter((name) => name.startsWith('exports.json.unreadable-'));
    assert.equal(keptAs.length, 1, 'the unreadable file is kept under a dated name');
    assert.equal(await readFile(join(dataDir, keptAs[0]!), 'utf8'), broken, 'kept as it was');
    assert.match(
      listed.stderr,
      new RegExp(`^mesh-console: The exports file .* was unreadable .* kept as ${keptAs[0]!.replace(/[.]/g, '\\.')}`, 'm'),
    );
    assert.doesNotMatch(listed.stderr, /cut short/, 'the notice does not quote the file');

    const again = await cli(['exports', '--json'], { MESH_DATA_DIR: dataDir });
    assert.doesNotMatch(again.stderr, /The exports file .* was unreadable/, 'the setting aside is told once, when it happened');
    assert.match(
      again.stderr,
      /no export runs until the history is rebuilt: run `mesh-console dps-recover`/,
      'the stopped export is told at every start until recovered',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// Oversized garbage in the data folder never crashes a command: a store file too large for a
// JavaScript string (a sparse 600 MB exports.json) and a records.json of random bytes are each
// set aside under a dated name with a sentence, and the command carries on with a new store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cli-support';

test('garbage store files, one larger than any string, are set aside with a sentence and no crash', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-cli-garbage-'));
  const dataDir = join(dir, 'data');
  try {
    await mkdir(dataDir);
    const handle = await open(join(dataDir, 'exports.json'), 'w');
    await handle.truncate(600 * 1024 * 1024); // sparse: no disk space, but past V8's longest string
    await handle.close();
    await writeFile(join(dataDir, 'records.json'), randomBytes(4 * 1024 * 1024));

    const listed = await cli(['exports', '--json'], { MESH_DATA_DIR: dataDir });
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), [], 'a new, empty exports store');
    assert.doesNotMatch(listed.stderr, /\n\s+at |RangeError|TypeError/, 'no stack trace');
    assert.match(
      listed.stderr,
      /exports file .* was unreadable because it is 600 MB, larger than any such file the console writes/,
      'told by its size, not read',
    );
    assert.doesNotMatch(listed.stderr, /Invalid string length/, 'no engine message');
    assert.match(listed.stderr, /records file .* was unreadable because .*(not valid JSON|does not hold an object)/);
    const names = await readdir(dataDir);
    for (const store of ['exports', 'records']) {
      const kept = names.filter((name) => name.startsWith(`${store}.json.unreadable-`));
      assert.equal(kept.length, 1, `${store}.json kept aside: ${names.join(', ')}`);
      assert.match(
        listed.stderr,
        new RegExp(`^mesh-console: The ${store} file .* was unreadable .*kept as ${kept[0]!.replace(/[.]/g, '\\.')}`, 'm'),
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// Oversized import input never crashes and never holds the file: a file over the import limit is
// refused before it is read (a sparse 1 GB file here, also through `mesh-console import`), a
// stream of unknown length is cut off at the limit, and a file with a great many bad rows lists
// the first problems and counts the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_IMPORT_BYTES, MAX_LISTED_PROBLEMS, readRecords, readRecordsFile } from '../../main/dps/read-records';
import { importRefusal } from '../../main/domain';
import { cli } from '../cli/cli-support';

const HEADER = 'programme,record_id,nhs_number,given_name,family_name,date_of_birth,gender_code,recorded_at,performed_at,outcome\n';

test('a 1 GB import file is refused unread, on its own and through mesh-console import', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-import-bounds-'));
  try {
    const path = join(dir, 'huge.csv');
    const handle = await open(path, 'w');
    await handle.write(HEADER);
    await handle.truncate(1024 ** 3); // sparse: takes no disk space
    await handle.close();
    const heapBefore = process.memoryUsage().heapUsed;
    const read = await readRecordsFile(path);
    assert.deepEqual(read.records, []);
    assert.equal(read.problemCount, 1);
    assert.equal(read.rows, 0, 'not a row was read');
    assert.match(read.errors[0]!.reason, /^The file is 1\.0 GB, more than the 100 MB one import can take .*: split it into smaller files/);
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 64 * 1024 * 1024, 'nothing of the file is held');

    const imported = await cli(['import', path], { MESH_DATA_DIR: join(dir, 'data') });
    assert.equal(imported.code, 1);
    // A fresh data folder also gets the line saying it is the local sandbox with demo data.
    const lines = imported.stderr
      .trim()
      .split('\n')
      .filter((line) => !/local MESH sandbox/.test(line));
    assert.equal(lines.length, 1, imported.stderr);
    assert.match(imported.stderr, /^The file is 1\.0 GB, more than the 100 MB one import can take.*Nothing was imported\.$/m);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a stream of unknown length is cut off once it passes the limit', async () => {
  // Lines of spaces: blank rows, cheap to read, so only the size is wrong.
  const megabyte = Buffer.from(`${' '.repeat(1023)}\n`.repeat(1024));
  let given = 0;
  async function* endless() {
    for (;;) {
      given += megabyte.length;
      yield megabyte;
    }
  }
  const read = await readRecords(endless(), 'jsonl');
  assert.deepEqual(read.records, []);
  assert.match(read.errors[0]!.reason, /^The file is more than the 100 MB one import can take/);
  assert.ok(given <= MAX_IMPORT_BYTES + 2 * megabyte.length, `stopped at the limit (${given} bytes taken)`);
});

test('a file with a great many bad rows lists the first problems and counts them all', async () => {
  const lines = 300_000;
  const bad = Buffer.from('this is not JSON\n'.repeat(lines));
  const read = await readRecords([bad], 'jsonl');
  assert.deepEqual(read.records, []);
  assert.equal(read.errors.length, MAX_LISTED_PROBLEMS);
  assert.equal(read.problemCount, lines);
  assert.equal(read.errors.at(-1)!.line, MAX_LISTED_PROBLEMS, 'the first ones, in file order');
  assert.equal(
    importRefusal({ errors: read.errors, problemCount: read.problemCount }).sentence,
    'Nothing was imported: 300,000 problems, the first 1,000 listed below. Correct the file and import it again.',
  );
  assert.equal(
    importRefusal({ errors: read.errors.slice(0, 2) }).sentence,
    'Nothing was imported: 2 problems listed below. Correct the file and import it again.',
  );
});

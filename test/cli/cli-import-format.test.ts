// `mesh-console import` of a file that is not an import CSV, as a real process: one sentence that
// names what was expected, then the expected columns; exit 1 and nothing imported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cli-support';

let dir: string;
let env: Record<string, string>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-console-import-format-'));
  env = { MESH_DATA_DIR: join(dir, 'data') };
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('a DPS file given to import is refused with the separator named and the expected columns listed', async () => {
  const file = join(dir, 'DPS_FLU.csv');
  await writeFile(file, '"NHS_NUMBER"|"PERSON_FORENAME"\n"9992686766"|"Brenton"\n');
  const refused = await cli(['import', file], env);
  assert.equal(refused.code, 1, refused.stderr);
  assert.equal(refused.stdout, '');
  // A fresh data folder first says it is the local sandbox with demo data.
  const lines = refused.stderr
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('mesh-console: This is the local MESH sandbox'));
  assert.match(lines[0]!, /^This file's columns are separated by vertical bars \(\|\).*an import file is a CSV separated by commas/);
  assert.match(lines[0]!, /Nothing was imported; the expected columns are listed below\.$/);
  assert.match(lines[1]!, /^Expected columns, comma separated, in any order; required: programme, record_id, nhs_number,/);
  assert.match(lines[2]!, /^Optional: postcode, /);
  assert.equal(lines.length, 3, 'no table of one garbled column');
});

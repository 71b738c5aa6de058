// The part file of a download into a file names who wrote it (this machine's tag, the pid), and
// only a part file of the same destination, written here by a process that is gone, is a leftover
// to remove (main/mesh/part-files.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { HOST_TAG, partFilePath, partFileWriter, removeLeftoverPartFiles, writerIsGone } from '../../main/mesh/part-files';

/** The pid of a process that has certainly ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await once(child, 'exit');
  return child.pid!;
}

test('the host tag is the first 8 hex characters of the SHA-256 of the host name', () => {
  assert.equal(HOST_TAG, createHash('sha256').update(hostname()).digest('hex').slice(0, 8));
});

test('a part file is hidden beside the destination and names this host and this process', () => {
  const path = join(tmpdir(), 'in', 'report (1).csv');
  const part = partFilePath(path);
  assert.equal(dirname(part), dirname(path));
  assert.match(basename(part), new RegExp(`^\\.report \\(1\\)\\.csv\\.${HOST_TAG}-${process.pid}-[0-9a-f]{8}\\.part$`));
  assert.deepEqual(partFileWriter(basename(part), 'report (1).csv'), { hostTag: HOST_TAG, pid: process.pid });
  assert.notEqual(partFilePath(path), part, 'two downloads to one destination in one process never share a part file');
});

test('only the exact name of a part file of this destination is read as one', () => {
  const name = 'report (1).csv';
  const writer = (entry: string) => partFileWriter(entry, name);
  assert.deepEqual(writer('.report (1).csv.0123abcd-42-89abcdef.part'), { hostTag: '0123abcd', pid: 42 });
  for (const entry of [
    'report (1).csv',
    '.report (1).csv.89abcdef.part', // the older name, with no writer
    '.report 1.csv.0123abcd-42-89abcdef.part', // what `report (1).csv` as a regular expression would match
    '.report (1)xcsv.0123abcd-42-89abcdef.part',
    '.report (1).csv.old.0123abcd-42-89abcdef.part', // a part file of `report (1).csv.old`
    '.report (1).csv.0123abcd-42-89abcdef.part.tmp',
    '.report (1).csv.0123ABCD-42-89abcdef.part',
    '.report (1).csv.0123abcd-0-89abcdef.part',
    '.report (1).csv.0123abcd-042-89abcdef.part',
    '.report (1).csv.0123abcd--42-89abcdef.part',
    '.report (1).csv.0123abcd-42-89abcdef-1.part',
    '.report (1).csv.0123abcd-42-89abcde.part',
    '.report (1).csv..part',
  ]) {
    assert.equal(writer(entry), undefined, entry);
  }
});

test('a writer is gone only when it wrote here, is not this process, and no longer runs', async () => {
  const dead = await deadPid();
  assert.equal(writerIsGone({ hostTag: HOST_TAG, pid: dead }), true);
  assert.equal(writerIsGone({ hostTag: HOST_TAG, pid: process.pid }), false);
  assert.equal(writerIsGone({ hostTag: HOST_TAG, pid: process.ppid }), false);
  const otherHost = HOST_TAG === '00000000' ? '11111111' : '00000000';
  assert.equal(writerIsGone({ hostTag: otherHost, pid: dead }), false);
});

test('removing leftovers takes only the part files of this destination whose writer is gone', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'mesh-part-files-'));
  try {
    const dead = await deadPid();
    const otherHost = HOST_TAG === '00000000' ? '11111111' : '00000000';
    const gone = `.report (1).csv.${HOST_TAG}-${dead}-0000000a.part`;
    const kept = [
      'report (1).csv',
      `.report (1).csv.${HOST_TAG}-${process.pid}-0000000b.part`,
      `.report (1).csv.${otherHost}-${dead}-0000000c.part`,
      `.report 1.csv.${HOST_TAG}-${dead}-0000000d.part`,
      '.report (1).csv.0000000e.part',
    ];
    for (const entry of [gone, ...kept]) await writeFile(join(folder, entry), 'x');
    await removeLeftoverPartFiles(join(folder, 'report (1).csv'));
    assert.deepEqual((await readdir(folder)).sort(), kept.sort());
    // A folder that cannot be read is no failure.
    await removeLeftoverPartFiles(join(folder, 'missing', 'report (1).csv'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJsonFile } from '../../main/store/json-file';
import { StreamingJsonFile } from '../../main/store/streaming-json-file';

type Data = { version: number; records: unknown[]; empty: unknown[]; note: string };

test('the big store file is written one element per line and read back exactly, with empty lists and awkward text', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-streaming-'));
  try {
    const file = join(dir, 'records.json');
    const data: Data = {
      version: 1,
      records: Array.from({ length: 2_500 }, (_, i) => ({ id: i, text: `line ${i} with "quotes", a ] and a ":[\nnewline` })),
      empty: [],
      note: 'ends with ":[',
    };
    await new StreamingJsonFile<Data>(file).write(data);
    const text = await readFile(file, 'utf8');
    assert.equal(text.split('\n').filter((line) => line.startsWith('{"id"')).length, 2_500, 'one record per line');
    const opened = await openJsonFile<Data>(file, {
      label: 'test',
      defaults: () => ({ version: 1, records: [], empty: [], note: '' }),
      streaming: true,
    });
    assert.equal(opened.notice, undefined);
    assert.deepEqual(opened.db.data, data);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a file in the older one-line layout still opens; one cut short is set aside and reported without quoting it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-streaming-'));
  try {
    const file = join(dir, 'records.json');
    const open = () =>
      openJsonFile<{ version: number; records: { id: number; name?: string }[] }>(file, {
        label: 'records',
        defaults: () => ({ version: 1, records: [] }),
        streaming: true,
      });
    await writeFile(file, JSON.stringify({ version: 1, records: [{ id: 1 }, { id: 2 }] }));
    assert.deepEqual((await open()).db.data, { version: 1, records: [{ id: 1 }, { id: 2 }] });

    await new StreamingJsonFile<{ version: number; records: { id: number; name: string }[] }>(file).write({
      version: 1,
      records: Array.from({ length: 100 }, (_, id) => ({ id, name: `Patient Name ${id}` })),
    });
    const whole = await readFile(file, 'utf8');
    await writeFile(file, whole.slice(0, Math.floor(whole.length / 2)));
    const opened = await open();
    assert.ok(opened.notice, 'reported');
    assert.doesNotMatch(opened.notice.message, /Patient Name/);
    assert.deepEqual(opened.db.data, { version: 1, records: [] });
    assert.ok(
      (await readdir(dir)).some((name) => name.startsWith('records.json.unreadable-')),
      'kept aside',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// A lost or damaged exports.json must not send again what DPS already has: the export refuses
// with a sentence, `mesh-console dps-recover` rebuilds the history from the records' marks and
// MESH tracking (sending nothing), and then only new records go. Real processes throughout:
// the console commands and a MESH server process; DPS's mailbox is counted record by record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRecords } from '../../main/dps/write-records';
import { generateDemoRecords } from '../../main/dps/demo-records';
import { cli } from '../cli/cli-support';
import { receivedRecordIds, startSandbox, type SandboxProcess } from './dps-receiver';

const STACK_TRACE = /\n\s+at .+:\d+:\d+/;

const DAMAGE: Record<string, (file: string) => Promise<void>> = {
  truncated: async (file) => {
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, Math.floor(text.length / 2)));
  },
  'the wrong shape': (file) => writeFile(file, JSON.stringify({ version: 1, exports: { not: 'a list' } })),
  empty: (file) => writeFile(file, ''),
  deleted: (file) => rm(file),
};

for (const [kind, damage] of Object.entries(DAMAGE)) {
  test(`exports.json ${kind}: the export refuses, dps-recover rebuilds the history from MESH, and nothing reaches DPS twice`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-console-damaged-history-'));
    const dataDir = join(dir, 'console');
    let sandbox: SandboxProcess | undefined;
    try {
      sandbox = await startSandbox(join(dir, 'mesh'));
      const env = sandbox.consoleEnv(dataDir);
      const first = generateDemoRecords(60, { seed: 11 });
      const second = generateDemoRecords(30, { seed: 12 });
      await writeRecords(first, join(dir, 'first.jsonl'), 'jsonl');
      await writeRecords(second, join(dir, 'second.jsonl'), 'jsonl');

      assert.equal((await cli(['import', join(dir, 'first.jsonl')], env)).code, 0);
      const exported = await cli(['dps-export', '--json'], env);
      assert.equal(exported.code, 0, exported.stderr);
      const sentFirst = (JSON.parse(exported.stdout) as { messageId?: string }[]).flatMap((r) => (r.messageId ? [r.messageId] : []));
      assert.ok(sentFirst.length >= 3);

      await damage(join(dataDir, 'exports.json'));

      const refused = await cli(['dps-export'], env);
      assert.equal(refused.code, 1, refused.stdout);
      assert.match(refused.stderr, /no export runs until the history is rebuilt: run `mesh-console dps-recover`/);
      assert.doesNotMatch(refused.stderr, STACK_TRACE);
      if (kind !== 'deleted')
        assert.match(
          refused.stderr,
          /exports file .* was unreadable because .*kept as exports\.json\.unreadable-/,
          'the notice says where the file went',
        );

      const dps = sandbox.client('X26ABC2');
      assert.deepEqual((await dps.inboxAll()).sort(), [...sentFirst].sort(), 'the refused export sent nothing');

      const recovered = await cli(['dps-recover', '--json'], env);
      assert.equal(recovered.code, 0, recovered.stderr);
      const outcome = JSON.parse(recovered.stdout) as { recovered: boolean; exports: { status: string; messageId?: string }[] };
      assert.equal(outcome.recovered, true);
      assert.deepEqual(outcome.exports.map((e) => e.messageId).sort(), [...sentFirst].sort(), 'each export found in MESH by its local id');
      assert.ok(outcome.exports.every((e) => e.status === 'accepted'));
      assert.deepEqual((await dps.inboxAll()).sort(), [...sentFirst].sort(), 'recovery sent nothing');

      const history = JSON.parse((await cli(['exports', '--json'], env)).stdout) as { status: string; messageId?: string }[];
      assert.deepEqual(
        history
          .filter((e) => e.status === 'accepted')
          .map((e) => e.messageId)
          .sort(),
        [...sentFirst].sort(),
      );

      assert.equal((await cli(['import', join(dir, 'second.jsonl')], env)).code, 0);
      const again = await cli(['dps-export'], env);
      assert.equal(again.code, 0, again.stderr);

      const { times } = await receivedRecordIds(dps);
      await dps.close();
      const administered = [...first, ...second].filter((r) => r.outcome === 'administered').map((r) => r.record_id);
      assert.deepEqual(
        [...times].filter(([, n]) => n > 1),
        [],
        'no record reached DPS twice',
      );
      assert.deepEqual(
        administered.filter((id) => !times.has(id)),
        [],
        'every record reached DPS',
      );
      assert.equal(times.size, administered.length);
      assert.deepEqual(
        (await readdir(dataDir)).filter((name) => name.endsWith('.tmp')),
        [],
      );
    } finally {
      await sandbox?.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cli-support';

const FIXTURES = join(import.meta.dirname, '../fixtures/dps');

test(
  'the real DPS sample, imported with `mesh-console import` and sent with `dps-export`, reaches DPS as its row ' + 'byte for byte',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-console-cli-real-sample-'));
    const env = { MESH_DATA_DIR: join(dir, 'data') };
    try {
      const imported = await cli(['import', join(FIXTURES, 'real-sample.jsonl')], env);
      assert.equal(imported.code, 0, imported.stderr);
      const exported = await cli(['dps-export', '--programme', 'hpv', '--json'], env);
      assert.equal(exported.code, 0, exported.stderr);
      const [result] = JSON.parse(exported.stdout) as { messageId: string }[];

      const dpsEnv = { ...env, MESH_ENV: 'local', MESH_MAILBOX: 'X26ABC2' };
      const received = await cli(['get', result!.messageId], dpsEnv);
      assert.equal(received.code, 0, received.stderr);
      const [header, ...rows] = received.stdout.split('\n');
      const [expectedHeader, expectedRow] = (await readFile(join(FIXTURES, 'real-sample.expected.csv'), 'utf8')).split('\n');
      assert.equal(header, expectedHeader);
      const row = rows.find((line) => line.includes('"496e37d8-d1ab-4e12-a3a3-9c2e136a0504"'));
      assert.equal(row, expectedRow, 'given 9 June 2023 (DATE_AND_TIME 20230609T00000000), recorded 21 Aug 2024 (RECORDED_DATE 20240821)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

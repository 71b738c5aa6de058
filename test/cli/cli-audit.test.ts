// The audit log as real `mesh-console` processes write it: two commands at once on a data folder
// written before the log was append-only. The old audit.json is converted once (by whichever
// opens first), both commands' MESH calls are appended after it, each line whole, each saying
// who ran it and that it came from the command line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../main/domain';
import { cli } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';

let sandbox: MutualTlsSandbox;
let dir: string;
let env: Record<string, string>;

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-cli-audit-');
  dir = sandbox.dir;
  const { pki } = sandbox;
  env = sandbox.env('X26ABC1', { MESH_KEY: pki.clientKeyEncrypted, MESH_KEY_PASSPHRASE: pki.passphrase, MESH_DATA_DIR: join(dir, 'data') });
});

after(() => sandbox?.close());

test('two commands at once on an upgraded folder: old entries first, then their MESH calls, from the CLI, by this user', async () => {
  const dataDir = join(dir, 'data');
  await cp(join(import.meta.dirname, '..', 'store', 'fixtures', 'audit-json-folder'), dataDir, { recursive: true });
  const old = JSON.parse(await readFile(join(dataDir, 'audit.json'), 'utf8')) as { entries: AuditEntry[] };

  const [validate, count] = await Promise.all([cli(['validate'], env), cli(['count'], env)]);
  assert.equal(validate.code, 0, validate.stderr);
  assert.equal(count.code, 0, count.stderr);

  const names = await readdir(dataDir);
  assert.ok(!names.includes('audit.json'), 'converted, and gone');
  const lines = (await readFile(join(dataDir, 'audit.jsonl'), 'utf8')).split('\n');
  assert.equal(lines.pop(), '', 'the file ends with a whole line');
  const entries = lines.map((line) => JSON.parse(line) as AuditEntry);
  assert.deepEqual(entries.slice(0, old.entries.length), old.entries, 'the old entries, once, first');
  const added = entries.slice(old.entries.length);
  const calls = added.filter((entry) => entry.kind === 'mesh').map((entry) => entry.action.split('?')[0]);
  assert.ok(calls.includes('POST /messageexchange/X26ABC1'), `the handshake: ${calls.join(', ')}`);
  assert.ok(calls.includes('GET /messageexchange/X26ABC1/count'), `the count: ${calls.join(', ')}`);
  for (const entry of added) {
    assert.equal(entry.source, 'cli');
    assert.equal(entry.user, userInfo().username);
  }
});

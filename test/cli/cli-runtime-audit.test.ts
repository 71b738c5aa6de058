// The command line's runtime appends to the audit log without reading the entries already in it:
// no command reads them through the runtime (`mesh-console audit` opens the log itself), and a log
// of 100,000 entries cost every command 0.15 s and 90 MB at start (issue 14).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCliRuntime } from '../../main/cli/context';

test('a command opens the audit log without its earlier entries and appends after them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-cli-runtime-audit-'));
  try {
    const earlier = Array.from({ length: 500 }, (_, i) =>
      JSON.stringify({ kind: 'mesh', action: `GET earlier ${i}`, outcome: 'ok', at: new Date(0).toISOString(), user: 'u', source: 'cli' }),
    );
    await writeFile(join(dir, 'audit.jsonl'), `${earlier.join('\n')}\n`, { mode: 0o600 });
    // A real mailbox's settings (nothing connects here), so no local server is started.
    const runtime = await openCliRuntime({
      MESH_DATA_DIR: dir,
      MESH_ENV: 'local',
      MESH_BASE_URL: 'https://127.0.0.1:9',
      MESH_MAILBOX: 'X26ABC1',
      MESH_PASSWORD: 'password',
      MESH_SHARED_KEY: 'TestKey',
    });
    try {
      assert.equal(runtime.stores.audit.size, 0, 'none of the 500 earlier entries is held');
      runtime.stores.audit.append({ kind: 'mesh', action: 'GET mine', outcome: 'ok' });
    } finally {
      await runtime.close();
    }
    const lines = (await readFile(join(dir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    assert.equal(lines.length, 501);
    assert.equal((JSON.parse(lines[500]!) as { action: string }).action, 'GET mine');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runExports } from '../../main/exports/run';
import { exportFixture } from './export-fixture';

function runChild(env: Record<string, string>): Promise<{ signal: NodeJS.Signals | null; stdout: string }> {
  const script = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env } });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, stdout }));
  });
}

test('a crash between the POST and saving the message id gives neither a duplicate nor a loss', async () => {
  const f = await exportFixture(80);
  try {
    await f.stores.close(); // the child owns the data folder while it runs
    const { signal, stdout } = await runChild({
      CRASH_CHILD: JSON.stringify({
        dataDir: f.dataDir,
        url: f.peer.server.url,
        programme: 'flu',
        certificatePem: f.peer.pki.client.certificatePem,
        privateKeyPem: f.peer.pki.client.privateKeyPem,
        caPem: f.peer.pki.ca.certificatePem,
      }),
    });
    assert.equal(signal, 'SIGKILL', 'the child died at the crash point');
    const messageId = stdout.trim();
    assert.match(messageId, /\S+/, 'MESH had accepted the POST');

    const stores = await f.reopen();
    const [left] = stores.exports.list({ status: 'pending' });
    assert.ok(left, 'the crash left the export pending');
    assert.equal(left.messageId, undefined);

    const [result] = await runExports(f.context(), 'flu');
    assert.equal(result!.recordCount, 0, 'no second file: the records stay with the export found in MESH');
    const settled = stores.exports.get(left.id)!;
    assert.equal(settled.status, 'accepted');
    assert.equal(settled.messageId, messageId);
    assert.deepEqual(await f.dps.inboxAll(), [messageId], 'DPS has exactly the one file');
    assert.equal(stores.records.summary().find((s) => s.programme === 'flu')!.unsent, 0, 'no record was lost');
  } finally {
    await f.close();
  }
});

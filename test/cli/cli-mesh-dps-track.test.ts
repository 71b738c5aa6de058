// `mesh-console dps-track` against `mesh-console sandbox` (a separate process): it reports only
// the exports whose status changed in that run, each once, even when MESH tracking and a REPORT
// in the inbox both tell of the same failure, and a second run says nothing changed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';

let sandbox: MutualTlsSandbox;
let dir: string;
let env: Record<string, string>;
const admin = (method: string, path: string, body?: unknown) => sandbox.admin(method, path, body);

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-dps-track-');
  dir = sandbox.dir;
  env = sandbox.env('X26ABC1', { MESH_DPS_MAILBOX: 'X26ABC2', MESH_DATA_DIR: join(dir, 'data') });
});

after(() => sandbox?.close());

interface Tracked {
  changed: { id: string; messageId?: string; status: string }[];
  reports: { reportId: string; exportId: string }[];
}

test('dps-track reports each export whose status changed once, and nothing else', async () => {
  const demo = join(dir, 'demo.csv');
  assert.equal((await cli(['demo-data', '30', '--out', demo], env)).code, 0);
  const imported = await cli(['import', demo], env);
  assert.equal(imported.code, 0, imported.stderr);
  const exported = await cli(['dps-export'], env);
  assert.equal(exported.code, 0, exported.stderr);
  const accepted = (
    JSON.parse((await cli(['exports', '--json'], env)).stdout) as { id: string; status: string; messageId: string }[]
  ).filter((e) => e.status === 'accepted');
  assert.ok(accepted.length >= 2, 'at least two programmes went out');
  const [failed] = accepted;

  // MESH's tracking and a REPORT in the inbox both tell that one export failed.
  const event = await admin('POST', `/admin/message/${failed!.messageId}/event`, {
    status: 'error',
    code: '14',
    event: 'TRANSFER',
    description: 'Message not collected by recipient after 5 days',
  });
  assert.equal(event.status, 200, event.text);
  const report = await admin('POST', '/admin/report', {
    mailbox_id: 'X26ABC1',
    status: 'error',
    code: '14',
    description: 'Message not collected by recipient after 5 days',
    workflow_id: 'dps export',
    linked_message_id: failed!.messageId,
  });
  assert.equal(report.status, 200, report.text);

  const inbox = async () => JSON.parse((await cli(['inbox', '--all', '--json'], env)).stdout).messageIds as string[];
  assert.equal((await inbox()).length, 1, 'the REPORT waits in the inbox');
  const first = await cli(['dps-track', '--json'], env);
  assert.equal(first.code, 0, first.stderr);
  const tracked = JSON.parse(first.stdout) as Tracked;
  assert.deepEqual(
    tracked.changed.map((e) => [e.id, e.status]),
    [[failed!.id, 'error']],
    'only the failed export, once; the others did not change',
  );
  assert.deepEqual(tracked.reports, [], 'the REPORT changed nothing tracking had not already changed');
  assert.deepEqual(await inbox(), [], 'yet the REPORT was read and acknowledged');

  const plain = await cli(['dps-track'], env);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(plain.stdout.trim(), 'No export changed status.');
  assert.deepEqual(JSON.parse((await cli(['dps-track', '--json'], env)).stdout).changed, []);
});

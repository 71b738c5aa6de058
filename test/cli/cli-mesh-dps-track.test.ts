// `mesh-console dps-track` against `mesh-console sandbox` (a separate process): it reports only
// the exports whose status changed in that run, each once, even when MESH tracking and a REPORT
// in the inbox both tell of the same failure, and a second run says nothing changed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPki, type TestPki } from '../support/pki';
import { cli, startSandboxProcess, stopProcess, sandboxAdmin } from './cli-support';

let dir: string;
let pki: TestPki;
let sandbox: ChildProcess;
let url: string;
let env: Record<string, string>;

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const ca = await readFile(join(dir, 'sandbox', 'tls', 'server-cert.pem'), 'utf8');
  return sandboxAdmin(url, { ca, cert: pki.client.certificatePem, key: pki.client.privateKeyPem }, method, path, body);
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-console-dps-track-'));
  pki = await testPki();
  await writeFile(join(dir, 'client-ca.pem'), pki.ca.certificatePem);
  const started = await startSandboxProcess(['--port', '0', '--data', join(dir, 'sandbox'), '--client-ca', join(dir, 'client-ca.pem')]);
  sandbox = started.child;
  url = started.url;
  env = {
    MESH_ENV: 'local',
    MESH_BASE_URL: url,
    MESH_CA_BUNDLE: join(dir, 'sandbox', 'tls', 'server-cert.pem'),
    MESH_MAILBOX: 'X26ABC1',
    MESH_DPS_MAILBOX: 'X26ABC2',
    MESH_CERT: pki.client.certificatePem,
    MESH_KEY: pki.client.privateKeyPem,
    MESH_DATA_DIR: join(dir, 'data'),
  };
});

after(async () => {
  if (sandbox) await stopProcess(sandbox, 'SIGINT');
  if (dir) await rm(dir, { recursive: true, force: true });
});

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

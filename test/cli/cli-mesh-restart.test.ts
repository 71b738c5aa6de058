// `mesh-console send` (a process) while `mesh-console sandbox --data DIR` (another process) is
// killed with SIGKILL as chunk 2 lands on its disk and started again on the same port: the send
// tries again on new connections, says so on stderr, finishes, and the file comes back byte for
// byte (before, every such send failed, blaming the file).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { watch } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPki, type TestPki } from '../support/pki';
import { BIN, cli, startSandboxProcess, stopProcess, watchProcess } from './cli-support';

let dir: string;
let pki: TestPki;
let sandbox: ChildProcess | undefined;

function serverArgs(port: string): string[] {
  return ['--port', port, '--data', join(dir, 'sandbox'), '--client-ca', join(dir, 'client-ca.pem')];
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-console-restart-'));
  pki = await testPki();
  await writeFile(join(dir, 'client-ca.pem'), pki.ca.certificatePem);
});

after(async () => {
  if (sandbox) await stopProcess(sandbox, 'SIGINT');
  await rm(dir, { recursive: true, force: true });
});

test('a send survives the server being killed and restarted part-way', async (t) => {
  const started = await startSandboxProcess(serverArgs('0'));
  sandbox = started.child;
  const port = new URL(started.url).port;
  const env = (mailbox: string) => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MESH_ENV: 'local',
    MESH_BASE_URL: started.url,
    MESH_CA_BUNDLE: join(dir, 'sandbox', 'tls', 'server-cert.pem'),
    MESH_MAILBOX: mailbox,
    MESH_CERT: pki.client.certificatePem,
    MESH_KEY: pki.client.privateKeyPem,
    MESH_DATA_DIR: join(dir, `data-${mailbox}`),
  });
  const chunkSize = 500_000;
  const payload = randomBytes(chunkSize * 20);
  const file = join(dir, 'payload.bin');
  await writeFile(file, payload);

  // Chunk 2 written to the server's disk is the moment to kill it: 18 chunks are still to go.
  let restarted: Promise<void> | undefined;
  const watcher = watch(join(dir, 'sandbox'), { recursive: true }, (_event, name) => {
    if (restarted || !name || !/X26ABC2[/\\]in[/\\]\w+[/\\]2$/.test(name.toString())) return;
    watcher.close();
    restarted = (async () => {
      await stopProcess(sandbox!, 'SIGKILL');
      sandbox = (await startSandboxProcess(serverArgs(port))).child;
    })();
  });
  t.after(() => watcher.close());

  const send = watchProcess(
    spawn(process.execPath, [BIN, 'send', 'X26ABC2', file, '--chunk-size', String(chunkSize), '--no-compress'], { env: env('X26ABC1') }),
    ['stdout', 'stderr'],
  );
  const code = await send.closed;
  assert.ok(restarted, 'the server was killed part-way');
  await restarted;
  assert.equal(code, 0, send.output());
  assert.match(send.output(), /outbox\/\w+\/\d+: .* Retrying in \d+\.\d s/, 'each wait is said on stderr');
  assert.doesNotMatch(send.output(), /could not be read/);
  const messageId = /^([0-9A-F]{32})$/m.exec(send.output())?.[1];
  assert.ok(messageId, send.output());

  const out = join(dir, 'back.bin');
  const got = await cli(['get', messageId, '--out', out], env('X26ABC2'));
  assert.equal(got.code, 0, got.stderr);
  assert.ok((await readFile(out)).equals(payload), 'every byte arrived');
});

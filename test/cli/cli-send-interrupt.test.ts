// Ctrl+C during `mesh-console send` (a separate process, against `mesh-console sandbox` over mutual
// TLS): the send stops between chunks, never half-way through one; the operator is told at once,
// then gets one sentence naming the message MESH holds as an incomplete upload, and exit 1. The
// recipient never gets the message; the sent list keeps it as the incomplete upload it is. A second Ctrl+C ends the process straight away.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { until } from '../store/helpers';
import { BIN, cli, watchProcess, type WatchedProcess } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';

const CHUNK = 64 * 1024;

let sandbox: MutualTlsSandbox;
let file: string;

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const { status, text } = await sandbox.admin(method, path, body);
  assert.ok(status < 300, `admin ${method} ${path}: ${status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-send-interrupt-');
  file = join(sandbox.dir, 'four-chunks.bin');
  await writeFile(file, randomBytes(4 * CHUNK));
});

// Killed, not stopped: a graceful stop would wait out the chunk still held for the second test.
after(() => sandbox?.close('SIGKILL'));

/** Starts a 4-chunk send whose chunk 2 the server holds for `holdMs`; resolves once chunk 2 is being held. */
async function sendHeldAtChunk2(holdMs: number): Promise<WatchedProcess> {
  const fault = (await admin('POST', '/admin/faults', { method: 'POST', path: '/outbox/[^/]+/2$', delayMs: holdMs })) as { id: string };
  const send = watchProcess(
    spawn(process.execPath, [BIN, 'send', 'X26ABC2', file, '--chunk-size', String(CHUNK), '--no-compress'], {
      env: sandbox.env('X26ABC1'),
    }),
    ['stdout', 'stderr'],
  );
  await until(async () => {
    const { faults } = (await admin('GET', '/admin/faults')) as { faults: { id: string; hits: number }[] };
    if (send.child.exitCode !== null) assert.fail(`the send ended before chunk 2 was held:\n${send.output()}`);
    return faults.some((f) => f.id === fault.id && f.hits === 1);
  });
  return send;
}

test('Ctrl+C during a chunked send: chunk 2 completes, nothing after; one sentence with the message id; never delivered', async () => {
  const send = await sendHeldAtChunk2(8000);
  send.child.kill('SIGINT');
  await send.waitFor(/Ctrl\+C: the send stops once the chunk under way has gone/);
  const code = await send.closed;
  assert.equal(code, 1, send.output());
  const match =
    /The send was cancelled after 2 of 4 chunks: MESH holds message (\S+) as an incomplete upload, which is never delivered to X26ABC2/.exec(
      send.output(),
    );
  assert.ok(match, send.output());
  assert.doesNotMatch(send.output(), /\bat .+:\d+:\d+|Error:/, 'no stack trace');
  const messageId = match[1]!;
  const held = (await admin('GET', `/admin/message/${messageId}`)) as { status: string };
  assert.match(held.status, /uploading/i, JSON.stringify(held));
  const chunks = ((await admin('GET', '/admin/requests')) as { requests: { method: string; path: string }[] }).requests.filter(
    (r) => r.method === 'POST' && r.path.includes(`/outbox/${messageId}/`),
  );
  assert.deepEqual(
    chunks.map((r) => r.path.split('/').pop()),
    ['2'],
    'chunk 2 went whole, chunks 3 and 4 never',
  );
  const sent = JSON.parse(await readFile(join(sandbox.dir, 'data-X26ABC1', 'sent.json'), 'utf8')) as {
    messages: { messageId: string; status: string; cancelled?: string }[];
  };
  const listed = sent.messages.find((m) => m.messageId === messageId);
  assert.equal(listed?.status, 'uploading', 'the sent list keeps what MESH holds, with its id');
  assert.match(listed?.cancelled ?? '', /cancelled after 2 of 4 chunks/);
  const inbox = await cli(['inbox', '--json'], sandbox.env('X26ABC2'));
  assert.equal(inbox.code, 0, inbox.stderr);
  assert.doesNotMatch(inbox.stdout, new RegExp(messageId), 'never in the recipient’s inbox');
});

test('a second Ctrl+C ends the send at once', async () => {
  const send = await sendHeldAtChunk2(60_000);
  send.child.kill('SIGINT');
  await send.waitFor(/Ctrl\+C again stops at once/);
  send.child.kill('SIGINT');
  await send.closed;
  assert.equal(send.child.signalCode, 'SIGINT', send.output());
});

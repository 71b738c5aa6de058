// `mesh-console get <id>` to standard output against `mesh-console sandbox` (a separate process,
// mutual TLS): every failure is one sentence on stderr, exit 1, no stack trace; a REPORT is said
// to be a REPORT. Also `inbox --json` and `inbox --all --json` give the same shape.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, cli, type CliResult } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';

let sandbox: MutualTlsSandbox;
let dir: string;
let env: (mailbox: string) => Record<string, string>;

/** An admin call to the sandbox (loopback only), over the same mutual TLS. */
async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const { status, text } = await sandbox.admin(method, path, body);
  return { status, json: text ? JSON.parse(text) : undefined };
}

function assertOneSentence(result: CliResult, pattern: RegExp): void {
  assert.equal(result.code, 1, `exit 1: ${result.stderr}`);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line on stderr:\n${result.stderr}`);
  assert.match(lines[0]!, /^mesh-console: [A-Z].*[.)]$/);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(result.stderr, /\bat .+:\d+:\d+|Error:/, 'no stack trace');
}

async function send(bytes: Buffer, chunkSize: number): Promise<string> {
  const file = join(dir, `payload-${randomBytes(3).toString('hex')}.bin`);
  await writeFile(file, bytes);
  const sent = await cli(['send', 'X26ABC2', file, '--chunk-size', String(chunkSize), '--no-compress'], env('X26ABC1'));
  assert.equal(sent.code, 0, sent.stderr);
  return sent.stdout.trim();
}

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-get-');
  dir = sandbox.dir;
  env = (mailbox) => sandbox.env(mailbox);
});

after(() => sandbox?.close());

test('get of an unknown message to stdout: one sentence, exit 1, nothing on stdout', async () => {
  const got = await cli(['get', 'NOSUCHMESSAGE0000000000000000000'], env('X26ABC2'));
  assertOneSentence(got, /NOSUCHMESSAGE|not found|no message/i);
  assert.equal(got.stdout, '');
});

test('get of a REPORT says it is a REPORT, what it is about and what to do', async () => {
  const made = await admin('POST', '/admin/report', {
    mailbox_id: 'X26ABC2',
    code: '14',
    status: 'error',
    description: 'Message not collected by recipient after 5 days',
    workflow_id: 'TEST_WORKFLOW',
    linked_message_id: 'LINKED000000000000000000000000001',
  });
  assert.equal(made.status, 200, JSON.stringify(made.json));
  const id = (made.json as { message_id: string }).message_id;
  const got = await cli(['get', id], env('X26ABC2'));
  assertOneSentence(got, new RegExp(`Message ${id} is a REPORT from MESH, not a file`));
  assert.match(got.stderr, /code 14/);
  assert.match(got.stderr, /mesh-console show/);
  assert.equal(got.stdout, '');
  const out = join(dir, 'report.out');
  const toFile = await cli(['get', id, '--out', out], env('X26ABC2'));
  assertOneSentence(toFile, /is a REPORT/);
  await assert.rejects(readFile(out), { code: 'ENOENT' }, 'no empty file is left');
});

test('get asks MESH for each chunk once, in order, and for nothing else (chunk 1 carries the metadata)', async () => {
  const chunkSize = 200_000;
  const bytes = randomBytes(chunkSize * 3);
  const id = await send(bytes, chunkSize);
  const out = join(dir, 'three-chunks.out');
  const got = await cli(['get', id, '--out', out], env('X26ABC2'));
  assert.equal(got.code, 0, got.stderr);
  assert.ok((await readFile(out)).equals(bytes), 'the file received is the file sent');
  const log = await admin('GET', '/admin/requests');
  const asked = (log.json as { requests: { method: string; path: string }[] }).requests
    .filter((r) => r.path.startsWith(`/messageexchange/X26ABC2/inbox/${id}`))
    .map((r) => `${r.method} ${r.path.replace(`/messageexchange/X26ABC2/inbox/${id}`, '…')}`);
  assert.deepEqual(asked, ['GET …', 'GET …/2', 'GET …/3']);
});

test('get to stdout cut part-way through a chunk: one sentence, no stack trace', async () => {
  const chunkSize = 300_000;
  const id = await send(randomBytes(chunkSize * 3), chunkSize);
  // Chunk 2 is cut after some of its bytes, on every try: stdout cannot take bytes back, so no retry.
  const fault = await admin('POST', '/admin/faults', { method: 'GET', path: `/inbox/${id}/2$`, cutAfterBytes: 1000, count: 20 });
  assert.equal(fault.status, 201);
  try {
    const got = await cli(['get', id], env('X26ABC2'));
    assertOneSentence(got, new RegExp(`download of message ${id} was interrupted during chunk 2 of 3`));
  } finally {
    await admin('DELETE', '/admin/faults');
  }
});

test('get to a stdout that is closed early (as by `| head -c 1`): it stops quietly, as other tools do, with no stack trace', async () => {
  const id = await send(randomBytes(4 * 1024 * 1024), 1024 * 1024);
  const child = spawn(process.execPath, [BIN, 'get', id], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env('X26ABC2') } });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (part: string) => (stderr += part));
  // The reader goes away after the first bytes.
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // main.ts's rule for every command: a reader that stops early is not an error of ours.
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
});

test(
  'get to a full disk (stdout on /dev/full): one sentence, exit 1, no stack trace',
  { skip: !existsSync('/dev/full') && 'no /dev/full here' },
  async () => {
    const id = await send(randomBytes(300_000), 100_000);
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [BIN, 'get', id], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env('X26ABC2') },
        stdio: ['ignore', full, 'pipe'],
      });
      let stderr = '';
      child.stderr!.setEncoding('utf8');
      child.stderr!.on('data', (part: string) => (stderr += part));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assertOneSentence({ code, stdout: '', stderr }, /could not be written \(ENOSPC\)/);
    } finally {
      closeSync(full);
    }
  },
);

test('get to a file on a full disk, two chunks writing at once: one sentence, exit 1, no file and no part file left', async () => {
  // Three gzipped chunks of 2 MB; the process may write at most about 1 MB (ulimit -f, in blocks of 512 or 1024
  // bytes), so a write fails while chunks 1 and 2 are both being written, as on a full disk: with EFBIG rather than
  // ENOSPC, once the command has not let the kernel's SIGXFSZ end it (main/cli/main.ts).
  const lines = Array.from({ length: 120_000 }, (_, i) => `"${1_000_000 + i}"|"vaccination record, dose given"\n`).join('');
  const file = join(dir, 'full-disk.csv');
  await writeFile(file, lines);
  const sent = await cli(['send', 'X26ABC2', file, '--chunk-size', '2000000'], env('X26ABC1'));
  assert.equal(sent.code, 0, sent.stderr);
  const id = sent.stdout.trim();
  const folder = await mkdtemp(join(dir, 'full-disk-'));
  const out = join(folder, 'received.csv');
  const child = spawn('/bin/sh', ['-c', 'ulimit -f 2048 && exec "$0" "$@"', process.execPath, BIN, 'get', id, '--out', out], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env('X26ABC2') },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (part: string) => (stderr += part));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assertOneSentence({ code, stdout: '', stderr }, /could not be written \(EFBIG\): check there is space on the disk/);
  assert.deepEqual(await readdir(folder), [], 'neither the file nor a part file is left');
});

test('inbox --json and inbox --all --json have one shape', async () => {
  const page = JSON.parse((await cli(['inbox', '--json'], env('X26ABC2'))).stdout);
  const all = JSON.parse((await cli(['inbox', '--all', '--json'], env('X26ABC2'))).stdout);
  assert.ok(Array.isArray(page.messageIds) && page.messageIds.length > 0);
  assert.deepEqual(all.messageIds, page.messageIds);
  assert.equal(all.messages, undefined);
});

// What CLI tests against a `mesh-console sandbox` do again and again: send a file from X26ABC1 to X26ABC2,
// list an inbox, make an admin call that must succeed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from './cli-support';
import type { MutualTlsSandbox } from './mutual-tls-sandbox';

/** `mesh-console send X26ABC2` of a file holding `bytes`, as X26ABC1, with `args` (a chunk size, ...); the message id. */
export async function sendBytes(sandbox: MutualTlsSandbox, bytes: Buffer, args: string[] = []): Promise<string> {
  const file = join(sandbox.dir, `payload-${randomBytes(3).toString('hex')}.bin`);
  await writeFile(file, bytes);
  const sent = await cli(['send', 'X26ABC2', file, ...args], sandbox.env('X26ABC1'));
  assert.equal(sent.code, 0, sent.stderr);
  return sent.stdout.trim();
}

/** The ids of every message in `mailbox`'s inbox (`inbox --all --json`). */
export async function inboxIds(sandbox: MutualTlsSandbox, mailbox = 'X26ABC2'): Promise<string[]> {
  const listed = await cli(['inbox', '--all', '--json'], sandbox.env(mailbox));
  assert.equal(listed.code, 0, listed.stderr);
  return (JSON.parse(listed.stdout) as { messageIds: string[] }).messageIds;
}

/** An admin call that must succeed; its JSON answer, if any. */
export async function adminOk(sandbox: MutualTlsSandbox, method: string, path: string, body?: unknown): Promise<unknown> {
  const { status, text } = await sandbox.admin(method, path, body);
  assert.ok(status < 300, `admin ${method} ${path}: ${status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

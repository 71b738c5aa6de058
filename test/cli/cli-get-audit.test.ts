// `mesh-console get` records what it handed over in the audit log, as the app does: `--out` as saved (with the
// file), to standard output as read. The app's acknowledge check reads those entries to warn of messages never
// saved or opened, so a message an operator saved with the command line is not reported as never saved. Real
// processes against `mesh-console sandbox` (mutual TLS, strict); the log is read back as the app reads it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditEntry } from '../../main/domain';
import { neverSavedOrOpened } from '../../main/operations/message';
import { AuditLog } from '../../main/store/audit-log';
import { cli } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';
import { sendBytes } from './sandbox-messages';

let sandbox: MutualTlsSandbox;

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-get-audit-');
});

after(() => sandbox?.close());

const send = (bytes: Buffer) => sendBytes(sandbox, bytes);

/** The receiving mailbox's audit log, opened as the app opens it. */
async function receiverLog(): Promise<AuditLog> {
  return AuditLog.open(sandbox.env('X26ABC2').MESH_DATA_DIR!);
}

const messageEntries = (log: AuditLog, messageId: string): AuditEntry[] =>
  log.matching({ kind: 'message' }).filter((entry) => entry.messageId === messageId);

test('get --out, get to standard output and get --ack are recorded; a failed get is not recorded as saved', async () => {
  const saved = randomBytes(30_000);
  // Text, as standard output is read back as text here.
  const piped = Buffer.from('NHS_NUMBER|DATE_AND_TIME\n'.repeat(800));
  const acknowledged = randomBytes(10_000);
  const [savedId, pipedId, ackedId, untouchedId] = [
    await send(saved),
    await send(piped),
    await send(acknowledged),
    await send(randomBytes(5)),
  ];
  const folder = await mkdtemp(join(sandbox.dir, 'saved-'));

  const toFile = await cli(['get', savedId, '--out', join(folder, 'saved.bin')], sandbox.env('X26ABC2'));
  assert.equal(toFile.code, 0, toFile.stderr);
  assert.deepEqual(await readFile(join(folder, 'saved.bin')), saved);
  const toStdout = await cli(['get', pipedId], sandbox.env('X26ABC2'));
  assert.equal(toStdout.code, 0, toStdout.stderr);
  assert.equal(toStdout.stdout, piped.toString());
  const withAck = await cli(['get', ackedId, '--out', join(folder, 'acked.bin'), '--ack'], sandbox.env('X26ABC2'));
  assert.equal(withAck.code, 0, withAck.stderr);
  // Into a folder that does not exist: nothing saved, so nothing recorded as saved.
  const failed = await cli(['get', untouchedId, '--out', join(folder, 'missing', 'x.bin')], sandbox.env('X26ABC2'));
  assert.notEqual(failed.code, 0);

  const log = await receiverLog();
  try {
    const [savedEntry] = messageEntries(log, savedId);
    assert.equal(savedEntry?.action, 'saved');
    assert.equal(savedEntry?.outcome, 'ok');
    assert.equal(savedEntry?.detail, join(folder, 'saved.bin'));
    const [pipedEntry] = messageEntries(log, pipedId);
    assert.equal(pipedEntry?.action, 'read');
    assert.equal(pipedEntry?.detail, `${piped.length} bytes, to standard output`);
    assert.equal(messageEntries(log, ackedId)[0]?.action, 'saved');
    assert.deepEqual(messageEntries(log, untouchedId), []);
    // What the app's acknowledge check makes of it: only the message never handed over is "never saved or opened".
    assert.deepEqual(neverSavedOrOpened(log, [savedId, pipedId, untouchedId]), [untouchedId]);
  } finally {
    await log.close();
  }
});

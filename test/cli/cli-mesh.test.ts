import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cli } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';

let sandbox: MutualTlsSandbox;
let dir: string;
let env: (mailbox: string, extra?: Record<string, string>) => Record<string, string>;

before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-cli-');
  dir = sandbox.dir;
  const { pki } = sandbox;
  env = (mailbox, extra = {}) => sandbox.env(mailbox, { MESH_KEY: pki.clientKeyEncrypted, MESH_KEY_PASSPHRASE: pki.passphrase, ...extra });
});

// Gone, its data flushed, before its folder is removed.
after(() => sandbox?.close());

test('every MESH command once, over mutual TLS against `mesh-console sandbox`', async () => {
  const validated = await cli(['validate'], env('X26ABC1'));
  assert.equal(validated.code, 0, validated.stderr);
  assert.match(validated.stdout, /X26ABC1 is valid/);

  const file = join(dir, 'payload.bin');
  const payload = randomBytes(250_000);
  await writeFile(file, payload);
  const sent = await cli(
    [
      'send',
      'X26ABC2',
      file,
      '--workflow',
      'TEST_WORKFLOW',
      '--subject',
      'CLI test',
      '--local-id',
      'cli-local-1',
      '--chunk-size',
      '100000',
    ],
    env('X26ABC1'),
  );
  assert.equal(sent.code, 0, sent.stderr);
  const messageId = sent.stdout.trim();
  assert.match(messageId, /^\w+$/);

  const tracked = await cli(['track', messageId, '--json'], env('X26ABC1'));
  assert.equal(tracked.code, 0, tracked.stderr);
  assert.equal(JSON.parse(tracked.stdout).status, 'accepted');
  const byLocal = await cli(['track', '--local-id', 'cli-local-1', '--json'], env('X26ABC1'));
  assert.equal(JSON.parse(byLocal.stdout).messageId, messageId);

  const lookup = await cli(['lookup', 'X26', 'TEST_WORKFLOW', '--json'], env('X26ABC1'));
  assert.deepEqual(
    JSON.parse(lookup.stdout).map((m: { mailboxId: string }) => m.mailboxId),
    ['X26ABC2'],
  );

  const inbox = await cli(['inbox', '--all', '--json'], env('X26ABC2'));
  assert.deepEqual(JSON.parse(inbox.stdout).messageIds, [messageId]);
  const count = await cli(['count'], env('X26ABC2'));
  assert.equal(count.stdout.trim(), '1');
  const shown = await cli(['show', messageId, '--json'], env('X26ABC2'));
  const metadata = JSON.parse(shown.stdout);
  assert.equal(metadata.fileName, 'payload.bin');
  assert.equal(metadata.chunkCount, 3);
  assert.equal(metadata.subject, 'CLI test');

  const out = join(dir, 'downloaded.bin');
  const got = await cli(['get', messageId, '--out', out], env('X26ABC2'));
  assert.equal(got.code, 0, got.stderr);
  assert.ok((await readFile(out)).equals(payload), 'downloaded byte for byte');

  const acked = await cli(['ack', messageId], env('X26ABC2'));
  assert.equal(acked.code, 0, acked.stderr);
  const empty = await cli(['inbox', '--json'], env('X26ABC2'));
  assert.deepEqual(JSON.parse(empty.stdout).messageIds, []);
});

test('failures: MESH refusals exit 1, bad usage and configuration exit 2, each with a sentence', async () => {
  const wrongPassword = await cli(['validate'], env('X26ABC1', { MESH_PASSWORD: 'not-the-password' }));
  assert.equal(wrongPassword.code, 1);
  assert.match(wrongPassword.stderr, /password|shared key/i);
  assert.match(wrongPassword.stderr, /Set them with MESH_PASSWORD and MESH_SHARED_KEY/, 'the command line says where it is set');
  assert.doesNotMatch(wrongPassword.stderr, /in Settings/, "not the app's words");
  assert.doesNotMatch(wrongPassword.stderr, /not-the-password/, 'the secret is not repeated');
  // A MESH refusal names what to check; the command line adds how to set it here, never a Settings screen.
  const refusedInbox = await cli(['inbox'], env('X26ABC1', { MESH_SHARED_KEY: 'not-the-key' }));
  assert.equal(refusedInbox.code, 1);
  assert.equal(
    refusedInbox.stderr.trim().split('\n').at(-1),
    'mesh-console: MESH refused the credentials for mailbox X26ABC1: check the mailbox password and the shared key. ' +
      'Set them with MESH_PASSWORD and MESH_SHARED_KEY (or password and shared_key in cli-secrets.json), or store them with ' +
      'mesh-console secret set password and mesh-console secret set shared-key.',
  );
  assert.doesNotMatch(refusedInbox.stderr, /Settings|not-the-key/);

  const unknownRecipient = await cli(['send', 'NOSUCH9', join(dir, 'client-ca.pem')], env('X26ABC1'));
  assert.equal(unknownRecipient.code, 1);
  assert.match(unknownRecipient.stderr, /recipient|registered/i);

  const noFile = await cli(['send', 'X26ABC2', join(dir, 'no-such-file.csv')], env('X26ABC1'));
  assert.equal(noFile.code, 1);
  assert.match(noFile.stderr, /no-such-file\.csv does not exist: check its name and folder, then send it again\. Nothing was sent\./);

  const badChunk = await cli(['send', 'X26ABC2', 'x', '--chunk-size', 'lots'], env('X26ABC1'));
  assert.equal(badChunk.code, 2);
  assert.match(badChunk.stderr, /--chunk-size must be a whole number/);

  const badEnv = await cli(['validate'], env('X26ABC1', { MESH_ENV: 'staging' }));
  assert.equal(badEnv.code, 2);
  assert.match(badEnv.stderr, /MESH_ENV/);

  const unknownCommand = await cli(['frobnicate'], env('X26ABC1'));
  assert.equal(unknownCommand.code, 2);
});

// Two profiles in one data folder (X26ABC1 and X26ABC2) against a MESH server process of its own
// over mutual TLS, driven through the real `mesh-console`: secrets set with `secret set`, a
// message sent from one and received in the other, records and export history kept apart, and
// the jobs of both running in one `mesh-console jobs`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPki } from '../support/pki';
import { BIN, cli, startSandboxProcess, stopProcess, watchProcess } from '../cli/cli-support';

let dir: string;
let dataDir: string;
let sandbox: ChildProcess;
let serverUrl: string;
const env = () => ({ MESH_DATA_DIR: dataDir });

async function ok(args: string[], input?: string, extraEnv: Record<string, string> = {}): Promise<string> {
  const result = await cli(args, { ...env(), ...extraEnv }, input);
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}${result.stdout}`);
  return result.stdout;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-console-profiles-'));
  dataDir = join(dir, 'data');
  const pki = await testPki();
  await writeFile(join(dir, 'client-ca.pem'), pki.ca.certificatePem);
  await writeFile(join(dir, 'client-cert.pem'), pki.client.certificatePem);
  await writeFile(join(dir, 'client-key.pem'), pki.clientKeyEncrypted);
  const started = await startSandboxProcess(['--port', '0', '--data', join(dir, 'sandbox'), '--client-ca', join(dir, 'client-ca.pem')]);
  sandbox = started.child;
  serverUrl = started.url;
  // Profile one exports to X26ABC2: the server is strict, and `dps export` is registered from X26ABC1 to X26ABC2 only.
  for (const [name, mailbox, dpsMailbox] of [
    ['one', 'X26ABC1', 'X26ABC2'],
    ['two', 'X26ABC2', 'X26ABC3'],
  ] as const) {
    await ok([
      'profile',
      'add',
      name,
      '--environment',
      'custom',
      '--base-url',
      serverUrl,
      '--mailbox',
      mailbox,
      '--dps-mailbox',
      dpsMailbox,
      '--ca-bundle',
      join(dir, 'sandbox', 'tls', 'server-cert.pem'),
      '--cert',
      join(dir, 'client-cert.pem'),
      '--key',
      join(dir, 'client-key.pem'),
    ]);
  }
  // Profile one by --profile, profile two by MESH_PROFILE: both ways of choosing.
  await ok(['secret', 'set', 'password', '--profile', 'one'], 'password\n');
  await ok(['secret', 'set', 'shared-key', '--profile', 'one'], 'TestKey\n');
  await ok(['secret', 'set', 'key-passphrase', '--profile', 'one'], `${pki.passphrase}\n`);
  for (const [secret, value] of [
    ['password', 'password'],
    ['shared-key', 'TestKey'],
    ['key-passphrase', pki.passphrase],
  ] as const)
    await ok(['secret', 'set', secret], value, { MESH_PROFILE: 'two' });
});

after(async () => {
  if (sandbox) await stopProcess(sandbox, 'SIGINT');
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('profile list shows the data folder as it was (the embedded local server) and the two added', async () => {
  const listed = JSON.parse(await ok(['profile', 'list', '--json'])) as { name: string; current: boolean; mailbox: string }[];
  assert.deepEqual(
    listed.map((p) => [p.name, p.mailbox, p.current]),
    [
      ['local', 'X26ABC1', true],
      ['one', 'X26ABC1', false],
      ['two', 'X26ABC2', false],
    ],
  );
  const refused = await cli(['validate', '--profile', 'three'], env());
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /There is no profile "three" .*; the profiles are local, one, two/);
  const badName = await cli(['profile', 'add', '../etc', '--environment', 'local', '--mailbox', 'X26ABC1'], env());
  assert.equal(badName.code, 2);
  assert.match(badName.stderr, /cannot be a profile's name: use up to 40 letters, digits, - and _/);
});

test('secrets set with `secret set` are stored encrypted, never as given', async () => {
  const vault = await readFile(join(dataDir, 'profiles', 'one', 'secrets.json'), 'utf8');
  assert.doesNotMatch(vault, /TestKey/);
  assert.ok(!vault.includes((await testPki()).passphrase));
  assert.deepEqual(Object.keys((JSON.parse(vault) as { secrets: object }).secrets).sort(), [
    'password',
    'privateKeyPassphrase',
    'sharedKey',
  ]);
  const empty = await cli(['secret', 'set', 'password', '--profile', 'one'], env(), '');
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /Nothing was given on standard input, so the mailbox password was not changed/);
});

test('sent from profile one, received in profile two; records and export history stay with their profile', async () => {
  assert.match(await ok(['validate', '--profile', 'one']), /X26ABC1 is valid/);
  const file = join(dir, 'note.txt');
  await writeFile(file, 'from profile one\n');
  const messageId = (await ok(['send', 'X26ABC2', file, '--workflow', 'TEST_WORKFLOW', '--profile', 'one'])).trim();
  assert.match(messageId, /^\w+$/);

  const inTwo = (JSON.parse(await ok(['inbox', '--all', '--json'], undefined, { MESH_PROFILE: 'two' })) as { messageIds: string[] })
    .messageIds;
  assert.ok(inTwo.includes(messageId), 'profile two sees the message in its inbox');
  assert.equal(await ok(['get', messageId, '--profile', 'two']), 'from profile one\n');
  const inOne = (JSON.parse(await ok(['inbox', '--all', '--json', '--profile', 'one'])) as { messageIds: string[] }).messageIds;
  assert.ok(!inOne.includes(messageId));

  await ok(['demo-data', '12', '--out', join(dir, 'records.jsonl')]);
  await ok(['import', join(dir, 'records.jsonl'), '--profile', 'one']);
  const exported = await ok(['dps-export', '--json', '--profile', 'one']);
  assert.match(exported, /"status": "accepted"/);
  const historyOne = JSON.parse(await ok(['exports', '--json', '--profile', 'one'])) as unknown[];
  const historyTwo = JSON.parse(await ok(['exports', '--json', '--profile', 'two'])) as unknown[];
  const recordsTwo = JSON.parse(await ok(['records', '--json', '--profile', 'two'])) as unknown[];
  assert.ok(historyOne.length > 0);
  assert.deepEqual(historyTwo, []);
  assert.deepEqual(recordsTwo, []);

  // The MESH_* variables still override the profile in use: here, profile two's mailbox.
  const overridden = await cli(['validate', '--profile', 'two'], { ...env(), MESH_MAILBOX: 'X26ABC1' });
  assert.match(overridden.stdout, /X26ABC1 is valid/, overridden.stderr);
});

test('`mesh-console jobs` runs the jobs of both profiles whose jobs are on, together', async (t) => {
  for (const name of ['one', 'two']) {
    const path = join(dataDir, 'profiles', name, 'settings.json');
    const settings = JSON.parse(await readFile(path, 'utf8')) as object;
    await writeFile(path, JSON.stringify({ ...settings, mesh_jobs: true }));
  }
  const jobs = watchProcess(spawn(process.execPath, [BIN, 'jobs'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env() } }));
  try {
    // Never run before, each profile's handshake is due at start; each wait fails at once if the process ends.
    await jobs.waitFor(/\[one\] \S+ Validate mailbox: ok Mailbox X26ABC1 validated/, t.signal);
    await jobs.waitFor(/\[two\] \S+ Validate mailbox: ok Mailbox X26ABC2 validated/, t.signal);
    assert.doesNotMatch(jobs.output(), /\[local\]/, 'the first profile, whose jobs are off, is not run');
    assert.equal(jobs.child.exitCode, null);
  } finally {
    await jobs.stop();
  }
});

test('`mesh-console jobs` stops the jobs of a profile removed by another process, and starts those of one added', async (t) => {
  const jobs = watchProcess(spawn(process.execPath, [BIN, 'jobs'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env() } }));
  try {
    await jobs.waitFor(/\[two\] \S+ Validate mailbox: ok Mailbox X26ABC2 validated/, t.signal);
    await ok(['profile', 'remove', 'two']);
    await jobs.waitFor(/Profile two was removed: its jobs stopped\./, t.signal);
    const removedAt = jobs.output().indexOf('Profile two was removed');

    await ok(['profile', 'add', 'three', '--environment', 'custom', '--base-url', serverUrl, '--mailbox', 'X26ABC3']);
    const path = join(dataDir, 'profiles', 'three', 'settings.json');
    await writeFile(path, JSON.stringify({ ...(JSON.parse(await readFile(path, 'utf8')) as object), mesh_jobs: true }));
    await jobs.waitFor(/Profile three: its jobs started\./, t.signal);
    await jobs.waitFor(/\[three\] \S+ Validate mailbox:/, t.signal);
    assert.doesNotMatch(jobs.output().slice(removedAt), /\[two\]/, 'nothing of profile two runs once it is removed');
    assert.match(jobs.output(), /\[one\] /, 'profile one runs on');
    assert.equal(jobs.child.exitCode, null);
  } finally {
    await jobs.stop();
  }
});

test('`profile duplicate` copies the connection without secrets or jobs; `profile rename` keeps the folder', async () => {
  assert.match(await ok(['profile', 'duplicate', 'one', 'copy']), /Added profile copy, a copy of one's connection\./);
  const copied = JSON.parse(await readFile(join(dataDir, 'profiles', 'copy', 'settings.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(copied.mailbox, 'X26ABC1');
  assert.equal(copied.base_url, serverUrl);
  assert.equal(copied.mesh_jobs, undefined, 'its jobs start off');
  const validated = await cli(['validate', '--profile', 'copy'], env());
  assert.equal(validated.code, 1, 'no secrets were copied: MESH refuses it');

  assert.match(await ok(['profile', 'rename', 'copy', 'renamed']), /Renamed profile copy to renamed\./);
  const profiles = JSON.parse(await readFile(join(dataDir, 'profiles.json'), 'utf8')) as { profiles: { name: string; folder: string }[] };
  const renamed = profiles.profiles.find((p) => p.name === 'renamed');
  assert.ok(renamed && !profiles.profiles.some((p) => p.name === 'copy'));
  assert.match(renamed.folder, /copy$/, 'the folder stays');
  const missing = await cli(['profile', 'duplicate', 'nobody', 'other'], env());
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /There is no profile called nobody/);
});

// The MESH commands of `mesh-console` open only the stores talking to MESH uses (the audit log, the messages
// sent, the jobs' states): records.json of 100,000 records took every command 1.8 s and 130 MB to read (issue 14).
// The messages sent and the jobs' states are read only by the command that keeps something in them (`send`,
// `validate`): sent.json grows with every message sent, and 20,000 of them cost every command 60 ms and 19 MB.
// Shown with a records.json that cannot be read: the MESH commands leave it as it is and say nothing of it, and
// still keep what they keep (the audit, the sent message, the last handshake); a DPS command, which opens every
// store, sets it aside as before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from './cli-support';
import { startMutualTlsSandbox, type MutualTlsSandbox } from './mutual-tls-sandbox';

let sandbox: MutualTlsSandbox;
before(async () => {
  sandbox = await startMutualTlsSandbox('mesh-console-cli-mesh-stores-');
});
after(async () => {
  await sandbox?.close();
});

test('MESH commands do not read the records and keep their own stores; a DPS command still reads the records', async () => {
  const env = sandbox.env('X26ABC1');
  const dataDir = env.MESH_DATA_DIR!;
  await mkdir(dataDir, { recursive: true });
  const broken = '{"version":1,"records":[{"record_id":"cut short';
  await writeFile(join(dataDir, 'records.json'), broken, { mode: 0o600 });

  const counted = await cli(['count', '--json'], env);
  assert.equal(counted.code, 0, counted.stderr);
  assert.equal(typeof (JSON.parse(counted.stdout) as { count: number }).count, 'number');
  const listed = await cli(['inbox', '--json'], env);
  assert.equal(listed.code, 0, listed.stderr);
  const validated = await cli(['validate', '--json'], env);
  assert.equal(validated.code, 0, validated.stderr);
  await writeFile(join(sandbox.dir, 'note.txt'), 'a note\n');
  const sent = await cli(['send', 'X26ABC2', join(sandbox.dir, 'note.txt')], env);
  assert.equal(sent.code, 0, sent.stderr);
  const messageId = sent.stdout.trim();
  for (const stderr of [counted.stderr, listed.stderr, validated.stderr, sent.stderr]) assert.doesNotMatch(stderr, /records file/i);
  assert.equal(await readFile(join(dataDir, 'records.json'), 'utf8'), broken, 'records.json is left as it was');
  const audit = await readFile(join(dataDir, 'audit.jsonl'), 'utf8');
  assert.match(audit, /"action":"GET \/messageexchange\/X26ABC1\/count"/, 'the MESH calls are audited');
  assert.match(await readFile(join(dataDir, 'sent.json'), 'utf8'), new RegExp(messageId), 'the message sent is kept');
  assert.match(await readFile(join(dataDir, 'jobs.json'), 'utf8'), /last-handshake/, 'the last handshake is kept');

  const records = await cli(['records', '--json'], env);
  assert.equal(records.code, 0, records.stderr);
  assert.match(records.stderr, /The records file .* was unreadable/);
  assert.equal((await readdir(dataDir)).filter((name) => name.startsWith('records.json.unreadable-')).length, 1);
});

test('sent.json and jobs.json are read only by send and validate: the other MESH commands leave even garbage ones alone', async () => {
  const env = sandbox.env('X26ABC2');
  const dataDir = env.MESH_DATA_DIR!;
  await mkdir(dataDir, { recursive: true });
  const garbage = { sent: '{"version":1,"messages":[{"messageId":"cut', jobs: 'not json at all' };
  await writeFile(join(dataDir, 'sent.json'), garbage.sent, { mode: 0o600 });
  await writeFile(join(dataDir, 'jobs.json'), garbage.jobs, { mode: 0o600 });
  await writeFile(join(sandbox.dir, 'for-x26abc2.txt'), 'for X26ABC2\n');
  const toThem = await cli(['send', 'X26ABC2', join(sandbox.dir, 'for-x26abc2.txt')], sandbox.env('X26ABC1'));
  assert.equal(toThem.code, 0, toThem.stderr);

  for (const args of [['count'], ['inbox', '--all'], ['get', toThem.stdout.trim()], ['ack', toThem.stdout.trim()]]) {
    const ran = await cli(args, env);
    assert.equal(ran.code, 0, `${args.join(' ')}: ${ran.stderr}`);
    assert.doesNotMatch(ran.stderr, /sent messages|job state/, args.join(' '));
  }
  assert.equal(await readFile(join(dataDir, 'sent.json'), 'utf8'), garbage.sent, 'sent.json was not read, so not set aside');
  assert.equal(await readFile(join(dataDir, 'jobs.json'), 'utf8'), garbage.jobs, 'jobs.json was not read, so not set aside');

  await writeFile(join(sandbox.dir, 'back.txt'), 'back to X26ABC1\n');
  const sent = await cli(['send', 'X26ABC1', join(sandbox.dir, 'back.txt'), '--workflow', 'TEST_WORKFLOW_ACK'], env);
  assert.equal(sent.code, 0, sent.stderr);
  assert.match(sent.stderr, /^mesh-console: The sent messages file .*sent\.json was unreadable because it is not valid JSON/m);
  assert.match(await readFile(join(dataDir, 'sent.json'), 'utf8'), new RegExp(sent.stdout.trim()), 'the message sent is kept');
  const validated = await cli(['validate'], env);
  assert.equal(validated.code, 0, validated.stderr);
  assert.match(validated.stderr, /^mesh-console: The job state file .*jobs\.json was unreadable because it is not valid JSON/m);
  assert.match(await readFile(join(dataDir, 'jobs.json'), 'utf8'), /last-handshake/, 'the last handshake is kept');
  const setAside = (await readdir(dataDir)).filter((name) => /^(sent|jobs)\.json\.unreadable-/.test(name));
  assert.equal(setAside.length, 2, setAside.join(', '));
});

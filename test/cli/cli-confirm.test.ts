// The command line asks before irreversible things when a person is at the terminal: `ack` of
// more than one message, and `dps-export` outside the local sandbox. Real `mesh-console`
// processes in a pseudo-terminal (util-linux `script`), on the console's own local MESH server;
// scripts (no terminal) and --yes go on without a question, exactly as before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { confirmIrreversible, type Terminal } from '../../main/cli/confirm';
import { acknowledgeQuestion, environmentName, exportQuestion } from '../../main/cli/questions';
import { BIN, cli, watchProcess } from './cli-support';

const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const NO_SCRIPT = HAS_SCRIPT
  ? false
  : 'util-linux `script` is not installed, so no pseudo-terminal: the in-process tests cover the question';

let dir: string;
let env: Record<string, string>;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mesh-console-confirm-'));
  env = { MESH_DATA_DIR: join(dir, 'local') };
});

after(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function fakeTerminal(isTTY: boolean): Terminal & { input: PassThrough; written: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY });
  const output = Object.assign(new PassThrough(), { isTTY });
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return { input, output, written: () => written };
}

test('the question is asked only of a person at a terminal, and only yes goes on', async () => {
  for (const [answer, goesOn] of [
    ['yes\n', true],
    ['Y\n', true],
    ['no\n', false],
    ['\n', false],
    ['', false], // the end of input
  ] as const) {
    const terminal = fakeTerminal(true);
    const asked = confirmIrreversible('Acknowledge 2 messages?', {}, terminal);
    terminal.input.end(answer);
    assert.equal(await asked, goesOn, JSON.stringify(answer));
    assert.match(terminal.written(), /^Acknowledge 2 messages\?\nType yes to go on, anything else to stop: $/);
  }
  const script = fakeTerminal(false);
  assert.equal(await confirmIrreversible('Acknowledge 2 messages?', {}, script), true, 'no terminal: go on as before');
  const withYes = fakeTerminal(true);
  assert.equal(await confirmIrreversible('Acknowledge 2 messages?', { yes: true }, withYes), true);
  assert.equal(script.written() + withYes.written(), '', 'nothing asked');
});

test('the questions name the count, the environment, the mailboxes and the records per programme', () => {
  assert.equal(
    acknowledgeQuestion(3, 'X26ABC1', environmentName('integration', 'https://msg.intspineservices.nhs.uk')),
    'Acknowledge 3 messages in mailbox X26ABC1 on NHS MESH integration (INT), https://msg.intspineservices.nhs.uk? ' +
      'MESH then takes them off the inbox for good: they cannot be downloaded again.',
  );
  assert.equal(
    exportQuestion(environmentName('production', 'https://mesh-sync.spineservices.nhs.uk'), 'X26ABC1', 'X26DPS1', [
      { programme: 'flu', unsent: 12 },
      { programme: 'hpv', unsent: 0 },
      { programme: 'td_ipv', unsent: 3 },
    ]),
    'Send 15 vaccination records to DPS on NHS MESH PRODUCTION (live), https://mesh-sync.spineservices.nhs.uk, from mailbox ' +
      'X26ABC1 to the DPS mailbox X26DPS1 (records per programme: flu 12, td_ipv 3)? A file MESH accepts cannot be taken back.',
  );
});

/** `mesh-console ...` in a pseudo-terminal; `answer` is typed once the question shows (none: none may be asked). */
async function atTerminal(args: string[], processEnv: Record<string, string>, answer?: string) {
  const command = [process.execPath, BIN, ...args].map((part) => `'${part}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'dumb', ...processEnv },
  });
  const watched = watchProcess(child, ['stdout', 'stderr']);
  if (answer !== undefined) {
    await watched.waitFor(/Type yes to go on, anything else to stop: /);
    child.stdin.write(answer);
  }
  const code = await watched.closed;
  return { code, output: watched.output() };
}

async function inbox(): Promise<string[]> {
  const listed = await cli(['inbox', '--all'], env);
  assert.equal(listed.code, 0, listed.stderr);
  return listed.stdout.trim().split('\n').filter(Boolean);
}

test(
  'ack of two messages at a terminal asks, naming the count; no acknowledges nothing, yes acknowledges both',
  { skip: NO_SCRIPT },
  async () => {
    const [first, second, third] = await inbox();
    assert.ok(first && second && third, 'the local sandbox has demo messages');

    const refused = await atTerminal(['ack', first, second], env, 'no\n');
    assert.match(refused.output, /Acknowledge 2 messages in mailbox X26ABC1 on the local sandbox \(not NHS MESH\)\?/);
    assert.match(refused.output, /Nothing was acknowledged\./);
    assert.equal(refused.code, 1);
    assert.ok((await inbox()).includes(first), 'still in the inbox');

    const agreed = await atTerminal(['ack', first, second], env, 'yes\n');
    assert.equal(agreed.code, 0, agreed.output);
    assert.match(agreed.output, new RegExp(`${first} acknowledged`));
    const left = await inbox();
    assert.ok(!left.includes(first) && !left.includes(second));

    const one = await atTerminal(['ack', third], env);
    assert.equal(one.code, 0, one.output);
    assert.doesNotMatch(one.output, /Type yes/, 'one message: no question');
  },
);

test('ack --yes at a terminal, and ack from a script, go on without a question', { skip: NO_SCRIPT }, async () => {
  const [first, second, third, fourth] = await inbox();
  assert.ok(first && second && third && fourth);
  const withYes = await atTerminal(['ack', '--yes', first, second], env);
  assert.equal(withYes.code, 0, withYes.output);
  assert.doesNotMatch(withYes.output, /Type yes/);
  const scripted = await cli(['ack', third, fourth], env);
  assert.equal(scripted.code, 0, scripted.stderr);
  assert.equal(scripted.stderr, '', 'nothing asked when stdin and stderr are not a terminal');
  assert.match(scripted.stdout, new RegExp(`${third} acknowledged\\n${fourth} acknowledged`));
});

test(
  'dps-export on production at a terminal asks, naming PRODUCTION, both mailboxes and the records; no sends nothing',
  { skip: NO_SCRIPT },
  async () => {
    // The demo records of a local data folder, then that folder's settings moved to production. No
    // password or certificate is set, so even a broken question could never reach NHS MESH.
    const production = { MESH_DATA_DIR: join(dir, 'production') };
    const demo = join(dir, 'demo.jsonl');
    assert.equal((await cli(['demo-data', '30', '--out', demo], production)).code, 0);
    const imported = await cli(['import', demo], { ...production, MESH_ENV: 'local' });
    assert.equal(imported.code, 0, imported.stderr);
    await writeFile(
      join(dir, 'production', 'settings.json'),
      JSON.stringify({ environment: 'production', mailbox: 'X26ABC1', dps_mailbox: 'X26DPS1' }),
    );
    const before = await cli(['records', '--unsent', '--json'], production);
    assert.equal(before.code, 0, before.stderr);
    const unsent = (JSON.parse(before.stdout) as unknown[]).length;
    assert.ok(unsent > 0);

    const refused = await atTerminal(['dps-export'], production, 'no\n');
    assert.match(refused.output, new RegExp(`Send ${unsent} vaccination records to DPS on NHS MESH PRODUCTION \\(live\\)`));
    assert.match(refused.output, /from mailbox X26ABC1 to the DPS mailbox X26DPS1 \(records per programme: (flu|hpv|menacwy|td_ipv) \d+/);
    assert.match(refused.output, /Nothing was sent to DPS\./);
    assert.equal(refused.code, 1);
    const after_ = await cli(['records', '--unsent', '--json'], production);
    assert.equal((JSON.parse(after_.stdout) as unknown[]).length, unsent, 'every record still unsent');
    assert.equal((await cli(['exports', '--json'], production)).stdout.trim(), '[]', 'no export was claimed');
  },
);

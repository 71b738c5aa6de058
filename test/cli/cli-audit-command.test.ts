// `mesh-console audit`, a real process, reading a data folder whose entries real commands made
// against a local MESH server in its own process: a handshake, a send whose file name starts a
// spreadsheet formula, and a send refused for a terminal escape sequence in its file name.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../main/domain';
import { auditCsv } from '../../main/operations/audit-csv';
import { startSandbox, type SandboxProcess } from '../exports/dps-receiver';
import { cli } from './cli-support';

const ESCAPE_NAME = 'bad\x1b[2Jname.csv';

let root: string;
let sandbox: SandboxProcess;
let env: Record<string, string>;
let sentId: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mesh-console-cli-audit-command-'));
  sandbox = await startSandbox(join(root, 'mesh'));
  await mkdir(join(root, 'data'));
  // A zone far from the UK's: the lines must still read in UK time, as the screen shows them.
  env = { ...sandbox.consoleEnv(join(root, 'data')), TZ: 'Pacific/Auckland' };
  await writeFile(join(root, 'results.csv'), 'a,b\n1,2\n');

  const validate = await cli(['validate'], env);
  assert.equal(validate.code, 0, validate.stderr);
  const sent = await cli(['send', 'X26ABC2', join(root, 'results.csv'), '--filename', '=SUM(1+1).csv', '--json'], env);
  assert.equal(sent.code, 0, sent.stderr);
  sentId = (JSON.parse(sent.stdout) as { messageId: string }).messageId;
  const refused = await cli(['send', 'X26ABC2', join(root, 'results.csv'), '--filename', ESCAPE_NAME], env);
  assert.equal(refused.code, 1, refused.stdout + refused.stderr);
});

after(async () => {
  await sandbox?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

async function audit(...args: string[]) {
  const result = await cli(['audit', ...args], env);
  assert.equal(result.code, 0, result.stderr);
  return { lines: result.stdout.trimEnd().split('\n'), stdout: result.stdout, stderr: result.stderr };
}

async function auditJson(...args: string[]): Promise<{ total: number; entries: AuditEntry[] }> {
  return JSON.parse((await audit(...args, '--json')).stdout) as { total: number; entries: AuditEntry[] };
}

// The screen's words: "2 Dec 2026, 06:35" in UK time.
const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

test('one line per entry, newest first: UK time (from Auckland), who, kind, outcome, summary; no control characters', async () => {
  const { lines, stdout } = await audit();
  const { total, entries } = await auditJson();
  assert.ok(entries.length >= 4, `the handshake, the sends: ${entries.map((e) => e.action).join(', ')}`);
  assert.equal(total, entries.length);
  assert.equal(lines.length, entries.length, stdout);
  entries.forEach((entry, i) => {
    const line = lines[i]!;
    assert.ok(line.startsWith(`${LONDON.format(Date.parse(entry.at))}  ${userInfo().username}, command line  ${entry.kind}`), line);
    assert.match(line, new RegExp(`  ${entry.outcome} +${entry.action.replace(/[?]/g, '\\?')}`));
  });
  const messages = entries.filter((entry) => entry.kind === 'message').map((entry) => [entry.action, entry.outcome]);
  assert.deepEqual(messages, [
    ['send', 'failed'],
    ['sent', 'ok'],
  ]);
  assert.ok(
    entries.some((entry) => entry.detail?.includes('\x1b')),
    'the stored detail holds the escape character',
  );
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(stdout, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  assert.ok(stdout.includes('bad\\x1b[2Jname.csv to X26ABC2: The file name may contain only plain printable characters'), stdout);
});

test('--kind, --outcome, --search, --days and --limit narrow what is printed', async () => {
  const messages = await audit('--kind', 'message');
  assert.equal(messages.lines.length, 2, messages.stdout);
  assert.match(messages.lines[0]!, / {2}message +failed {2}send: bad\\x1b\[2Jname\.csv to X26ABC2: /);
  const sentLine = ` {2}message +ok +sent: =SUM\\(1\\+1\\)\\.csv to X26ABC2 \\(1 chunks\\) message ${sentId}$`;
  assert.match(messages.lines[1]!, new RegExp(sentLine));

  const failed = await audit('--outcome', 'failed');
  assert.ok(failed.lines.length >= 1, failed.stdout);
  for (const line of failed.lines) assert.match(line, / {2}failed {2}/);

  const found = await auditJson('--search', 'sum(1+1)');
  assert.ok(found.entries.length >= 1);
  for (const entry of found.entries) assert.ok(JSON.stringify(entry).toLowerCase().includes('sum(1+1)'), JSON.stringify(entry));

  const all = await auditJson();
  // The entries were made minutes ago: today or yesterday, even across midnight.
  assert.equal((await auditJson('--days', '2')).total, all.total);

  const newest = await audit('--limit', '1');
  assert.equal(newest.lines.length, 1);
  assert.equal(newest.stderr, `The newest 1 of ${all.total} matching entries: --limit N shows more.\n`);
  assert.deepEqual((await auditJson('--limit', '1')).entries, all.entries.slice(0, 1));
});

test('--csv writes the CSV the screen saves, formulas neutralised', async () => {
  const file = join(root, 'audit.csv');
  const saved = await audit('--kind', 'message', '--csv', file);
  assert.equal(saved.stdout, `Saved 2 entries to ${file}.\n`);
  const csv = await readFile(file, 'utf8');
  assert.equal(csv, auditCsv((await auditJson('--kind', 'message')).entries));
  assert.match(csv, /^when,kind,action,outcome,http status,detail,message id,export id,user,from\r\n/);
  assert.ok(csv.includes(`,'=SUM(1+1).csv to X26ABC2 (1 chunks),${sentId},`), csv);
});

test('a wrong option is one sentence and exit 2, with nothing printed', async () => {
  for (const args of [
    ['--kind', 'nonsense'],
    ['--outcome', 'maybe'],
    ['--days', '0'],
    ['--limit', 'ten'],
  ]) {
    const result = await cli(['audit', ...args], env);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^mesh-console: --\w+ (must be|takes) [^\n]+\.\n$/);
  }
});

test('the log is read when the settings are wrong: the command that needs them is refused, audit is not', async () => {
  const broken = { ...env, MESH_ENV: 'nowhere' };
  const count = await cli(['count'], broken);
  assert.equal(count.code, 2, count.stderr);
  const result = await cli(['audit', '--kind', 'message'], broken);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trimEnd().split('\n').length, 2, result.stdout);
});

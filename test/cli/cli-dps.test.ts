import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, cli, watchProcess, type WatchedProcess } from './cli-support';

test('the DPS commands on a fresh data folder: demo data, import (refused, then accepted), export, DPS acknowledges, tracked', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-cli-dps-'));
  const env = { MESH_DATA_DIR: join(dir, 'data') };
  try {
    const demo = join(dir, 'demo.csv');
    const made = await cli(['demo-data', '25', '--out', demo], env);
    assert.equal(made.code, 0, made.stderr);
    const csv = await readFile(demo, 'utf8');
    assert.equal(csv.trimEnd().split('\r\n').length, 26, 'header and 25 rows');

    const [header, first, ...rest] = csv.trimEnd().split('\r\n');
    const badNhs = first!.replace(/,999\d{7},/, ',9990000000,');
    await writeFile(join(dir, 'bad.csv'), [header, badNhs, ...rest].join('\r\n'));
    const refused = await cli(['import', join(dir, 'bad.csv')], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Nothing was imported/);
    assert.match(refused.stderr, /^2\s+nhs_number\s+/m, 'the bad row, by line and field');
    assert.match(refused.stderr, /Nothing was imported: 1 problem listed below\./);

    const missing = await cli(['import', join(dir, 'no-such.csv')], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /The file \S+no-such\.csv does not exist: check its name and folder\. Nothing was imported\./);
    assert.doesNotMatch(missing.stderr, /LINE\s+FIELD/, 'no table of rows for a file that was never read');

    const before = JSON.parse((await cli(['records', '--json'], env)).stdout).length;
    const accepted = await cli(['import', demo, '--json'], env);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.equal(JSON.parse(accepted.stdout).added, 25);
    assert.equal(JSON.parse((await cli(['records', '--json'], env)).stdout).length, before + 25);

    const fluOnly = JSON.parse((await cli(['records', '--programme', 'flu', '--json'], env)).stdout) as { programme: string }[];
    assert.ok(fluOnly.length > 0 && fluOnly.every((r) => r.programme === 'flu'), 'records --programme lists that programme only');

    const exported = await cli(['dps-export'], env);
    assert.equal(exported.code, 0, exported.stderr);
    const printed = exported.stdout
      .trimEnd()
      .split('\n')
      .map((line) =>
        /^(flu|hpv|menacwy|td_ipv): (Vaccinations-(?:Flu|HPV|MenACWY|Td-IPV)-\d{4}-\d{2}-\d{2}\.csv), (\d+) records, message (\S+)$/.exec(
          line,
        ),
      );
    assert.ok(printed.every(Boolean), `each programme's file name, record count and message id:\n${exported.stdout}`);
    const sent = (
      JSON.parse((await cli(['exports', '--json'], env)).stdout) as {
        status: string;
        messageId?: string;
        fileName: string;
        recordCount: number;
      }[]
    ).filter((r) => r.status === 'accepted');
    assert.ok(sent.length >= 3);
    assert.deepEqual(
      printed.map((m) => `${m![2]} ${m![3]} ${m![4]}`).sort(),
      sent.map((r) => `${r.fileName} ${r.recordCount} ${r.messageId}`).sort(),
      'what was printed is what was sent',
    );
    assert.deepEqual(JSON.parse((await cli(['records', '--unsent', '--json'], env)).stdout), [], 'every administered record went out');

    const dpsEnv = { ...env, MESH_ENV: 'local', MESH_MAILBOX: 'X26ABC2' };
    const dpsInbox = JSON.parse((await cli(['inbox', '--all', '--json', '--workflow', 'dps export'], dpsEnv)).stdout)
      .messageIds as string[];
    assert.deepEqual(dpsInbox.sort(), sent.map((r) => r.messageId!).sort(), 'DPS has one file per programme');
    assert.equal((await cli(['ack', ...dpsInbox], dpsEnv)).code, 0);

    const tracked = await cli(['dps-track', '--json'], env);
    assert.equal(tracked.code, 0, tracked.stderr);
    const history = JSON.parse((await cli(['exports', '--json'], env)).stdout) as { status: string }[];
    assert.ok(
      history.every((e) => e.status === 'acknowledged'),
      JSON.stringify(history.map((e) => e.status)),
    );

    const badProgramme = await cli(['dps-export', '--programme', 'measles'], env);
    assert.equal(badProgramme.code, 2);
    assert.match(badProgramme.stderr, /Unknown programme "measles"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('`mesh-console jobs` refuses while jobs are off, and with --enable runs the scheduler until stopped', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-cli-jobs-'));
  const env = { MESH_DATA_DIR: join(dir, 'data') };
  let jobs: WatchedProcess | undefined;
  try {
    const off = await cli(['jobs'], env);
    assert.equal(off.code, 2);
    assert.match(off.stderr, /switched off.*--enable/);

    jobs = watchProcess(
      spawn(process.execPath, [BIN, 'jobs', '--enable'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } }),
    );
    await jobs.waitFor(/Validate mailbox: ok|handshake.*ok/i, t.signal);
    jobs.child.kill('SIGINT');
    assert.equal(await jobs.closed, 0, jobs.output());
    assert.match(jobs.output(), /DPS export: .*next/);
    assert.match(jobs.output(), /Inbox refresh/);
  } finally {
    // Killed (if a wait gave up) and gone before its data folder is removed.
    await jobs?.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

// `mesh-console audit --days` counts UK calendar days, as the Audit log screen does, even in a
// process whose own zone is half a day away (Pacific/Auckland): an entry at UK midnight today is
// in `--days 1`, one a millisecond before it is not. The log is a real `audit.jsonl`, as the console writes it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../../main/domain';
import { cli } from './cli-support';

let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mesh-console-cli-audit-uk-days-'));
});

after(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** Where UK midnight began today, worked out from London's own wall clock rather than the console's code. */
function ukMidnightToday(now: number): number {
  const wall = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23', hour: 'numeric', minute: 'numeric' });
  const [hours, minutes] = wall.format(now).split(':').map(Number);
  return now - ((hours! * 60 + minutes!) * 60_000 + (now % 60_000));
}

test('--days 1 is today on the UK calendar, in a process on Auckland time', async () => {
  // Should UK midnight pass while the test runs, the day is worked out again and the test repeated.
  for (let attempt = 0; attempt < 2; attempt++) {
    const midnight = ukMidnightToday(Date.now());
    const entry = (at: number, action: string): AuditEntry => ({ at: new Date(at).toISOString(), kind: 'job', action, outcome: 'ok' });
    const dataDir = join(root, `data-${attempt}`);
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    const entries = [
      entry(midnight - 13 * 3_600_000, 'yesterday noon'),
      entry(midnight - 1, 'yesterday last'),
      entry(midnight, 'today first'),
    ];
    await writeFile(join(dataDir, 'audit.jsonl'), entries.map((e) => JSON.stringify(e) + '\n').join(''));

    const result = await cli(['audit', '--days', '1', '--json'], { MESH_DATA_DIR: dataDir, TZ: 'Pacific/Auckland' });
    if (ukMidnightToday(Date.now()) !== midnight) continue;
    assert.equal(result.code, 0, result.stderr);
    const shown = (JSON.parse(result.stdout) as { entries: AuditEntry[] }).entries.map((e) => e.action);
    assert.deepEqual(shown, ['today first']);

    const two = await cli(['audit', '--days', '2', '--json'], { MESH_DATA_DIR: dataDir, TZ: 'Pacific/Auckland' });
    if (ukMidnightToday(Date.now()) !== midnight) continue;
    assert.equal(two.code, 0, two.stderr);
    assert.deepEqual(
      (JSON.parse(two.stdout) as { entries: AuditEntry[] }).entries.map((e) => e.action),
      ['today first', 'yesterday last', 'yesterday noon'],
    );
    return;
  }
  assert.fail('UK midnight passed twice while the test ran');
});

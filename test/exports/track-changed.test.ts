// Tracking reports only the exports whose status it changed, measured under the export lock on
// the history as re-read there: not against an earlier look that another process has since overtaken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { exportStores } from '../../main/exports/context';
import { runExports } from '../../main/exports/run';
import { trackExportsAndReports } from '../../main/exports/tracking';
import type { VaccinationRecord } from '../../main/dps/record';
import { openStores } from '../../main/store/open-stores';
import { exportFixture } from './export-fixture';

test('an export another process closed while this one waited is not reported as changed, nor its REPORT', async () => {
  const f = await exportFixture();
  const other = await openStores<VaccinationRecord>(f.dataDir);
  try {
    const [hpv] = await runExports(f.context(), 'hpv');
    const [flu] = await runExports(f.context(), 'flu');
    assert.equal(hpv!.status, 'accepted');
    assert.equal(flu!.status, 'accepted');
    // This console's history now says both are accepted; it reads nothing more before it tracks.
    const thisConsole = f.context();
    assert.equal(thisConsole.exports.get(hpv!.exportId!)!.status, 'accepted');

    // Meanwhile DPS takes the HPV file and another process (the jobs) tracks it to acknowledged.
    await f.dps.download(hpv!.messageId!, new PassThrough().resume());
    await f.dps.acknowledge(hpv!.messageId!);
    const otherConsole = { ...f.context(), ...exportStores(other) };
    const byOther = await trackExportsAndReports(otherConsole);
    assert.deepEqual(
      byOther.changed.map((e) => [e.id, e.status]),
      [[hpv!.exportId, 'acknowledged']],
    );

    // Then MESH sends REPORTs about both: the HPV one is about an export already final, the flu one is news.
    for (const linkedMessageId of [hpv!.messageId!, flu!.messageId!]) {
      await f.peer.server.admin.injectReport({
        mailboxId: 'X26ABC1',
        code: '06',
        description: 'Malformed control file',
        workflowId: 'dps export',
        status: 'error',
        linkedMessageId,
      });
    }
    const tracked = await trackExportsAndReports(thisConsole);
    assert.deepEqual(
      tracked.changed.map((e) => [e.id, e.status]),
      [[flu!.exportId, 'error']],
      'only the flu export changed in this run',
    );
    assert.deepEqual(
      tracked.changingReports.map((r) => r.exportId),
      [flu!.exportId],
    );
    assert.equal(tracked.reports.length, 2, 'both REPORTs were applied');
    assert.deepEqual(await f.sender.inboxAll(), [], 'and acknowledged');
    assert.equal(thisConsole.exports.get(hpv!.exportId!)!.status, 'acknowledged', 'the HPV export stays as the other process left it');

    const again = await trackExportsAndReports(thisConsole);
    assert.deepEqual([again.changed, again.changingReports, again.reports], [[], [], []], 'a second run changes nothing');
  } finally {
    await other.close();
    await f.close();
  }
});

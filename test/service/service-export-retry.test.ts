import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestService } from './service-support';

test("the operator's Retry sends a failed export's records again, once, in a new export; a sent export cannot be retried", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-export-retry-'));
  const dataDir = join(dir, 'data');
  const service = await startTestService(dataDir, { startScheduler: false });
  try {
    const admin = service.runtime.local!.server.admin;
    admin.addFault({ method: 'POST', path: '/outbox$', status: 417, count: 1 });
    const [failed] = await service.runExport('hpv');
    assert.equal(failed!.status, 'failed', JSON.stringify(failed));
    assert.ok(failed!.recordCount > 0);
    assert.equal(
      (await service.records()).find((row) => row.programme === 'hpv')!.unsent,
      failed!.recordCount,
      'the records are free again',
    );

    const retried = await service.retryExport(failed!.exportId!);
    assert.equal(retried.status, 'accepted', retried.error);
    assert.notEqual(retried.exportId, failed!.exportId);
    assert.equal(retried.recordCount, failed!.recordCount);
    const detail = await service.exportDetail(retried.exportId!);
    assert.equal(detail.history[0]!.note, `Retry of export ${failed!.exportId}.`, 'the new export says what it retries');
    assert.equal((await service.records()).find((row) => row.programme === 'hpv')!.unsent, 0);

    await assert.rejects(
      service.retryExport(retried.exportId!),
      /is accepted; only a failed, undeliverable or error export can be retried/,
    );
    const [nothingLeft] = await service.runExport('hpv');
    assert.equal(nothingLeft!.recordCount, 0, 'nothing goes twice');
  } finally {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
});

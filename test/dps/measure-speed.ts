// Not a test: measures reading 100,000 records and building their DPS CSV on this machine.
// Run: node --import tsx test/dps/measure-speed.ts [count]
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoRecords } from '../../main/dps/demo-records';
import { writeDpsCsv } from '../../main/dps/dps-csv';
import { readRecordsFile } from '../../main/dps/read-records';
import { writeRecords } from '../../main/dps/write-records';

const count = Number(process.argv[2] ?? 100_000);
const now = Date.UTC(2025, 10, 20, 12);
const dir = await mkdtemp(join(tmpdir(), 'dps-speed-'));
try {
  for (const format of ['csv', 'jsonl'] as const) {
    const file = join(dir, `records.${format}`);
    await writeRecords(demoRecords(count, { seed: 7, now }), file, format);
    const size = (await stat(file)).size;
    const start = performance.now();
    const result = await readRecordsFile(file, { now });
    const readMs = performance.now() - start;
    if (result.errors.length > 0) throw new Error(`${result.errors.length} errors, first: ${JSON.stringify(result.errors[0])}`);
    console.log(`read+validate ${format}: ${result.records.length} records, ${(size / 1e6).toFixed(1)} MB in ${readMs.toFixed(0)} ms`);
    if (format === 'csv') {
      const all = result.records.filter((r) => r.outcome === 'administered').map((r) => ({ ...r, programme: 'flu' as const }));
      const csvStart = performance.now();
      const out = await writeDpsCsv(all, join(dir, 'dps.csv'), { programme: 'flu' });
      const csvMs = performance.now() - csvStart;
      console.log(`build DPS CSV: ${out.rows} rows, ${(out.bytes / 1e6).toFixed(1)} MB in ${csvMs.toFixed(0)} ms`);
    }
  }
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

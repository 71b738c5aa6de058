// Not a test: measures, on this machine, reading and validating 100,000 records (CSV and
// JSON Lines) and building the DPS CSV of 100,000 records. Times are wall-clock; CPU time is
// shown too because other work on a shared machine stretches wall time.
// Run: node --import tsx test/dps/measure-speed.ts [count]
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoRecords, generateDemoRecords } from '../../main/dps/demo-records';
import { writeDpsCsv } from '../../main/dps/dps-csv';
import { readRecordsFile } from '../../main/dps/read-records';
import { writeRecords } from '../../main/dps/write-records';

const count = Number(process.argv[2] ?? 100_000);
const now = Date.UTC(2025, 10, 20, 12);
const dir = await mkdtemp(join(tmpdir(), 'dps-speed-'));

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  console.log(`${label}: ${wall.toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms)`);
  return result;
}

try {
  console.log(
    `load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} on this machine`,
  );
  for (const format of ['csv', 'jsonl'] as const) {
    const file = join(dir, `records.${format}`);
    await writeRecords(demoRecords(count, { seed: 7, now }), file, format);
    const size = (await stat(file)).size;
    const result = await timed(`read and validate ${count} records, ${format} ${(size / 1e6).toFixed(1)} MB`, () =>
      readRecordsFile(file, { now }),
    );
    if (result.errors.length > 0) throw new Error(`${result.errors.length} errors, first: ${JSON.stringify(result.errors[0])}`);
  }
  const records = generateDemoRecords(count, { seed: 7, now, programmes: ['flu'] });
  for (const record of records) record.outcome = 'administered';
  const built = await timed(`build the DPS CSV of ${count} records`, () =>
    writeDpsCsv(records, join(dir, 'Vaccinations-Flu.csv'), { programme: 'flu' }),
  );
  console.log(`  ${built.rows} rows, ${(built.bytes / 1e6).toFixed(1)} MB`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

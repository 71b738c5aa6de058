import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRecords, generateDemoRecords } from '../../main/dps/demo-records';
import { dpsCsvBuffer } from '../../main/dps/dps-csv';
import { isValidNhsNumber } from '../../main/dps/nhs-number';
import { PROGRAMMES } from '../../main/dps/programmes';
import { readRecordsFile } from '../../main/dps/read-records';
import { validateRecord, validationContext } from '../../main/dps/validate-record';
import { vaccineCatalogue } from '../../main/dps/vaccine-catalogue';
import { writeRecords } from '../../main/dps/write-records';

const NOW = new Date('2025-11-20T12:00:00Z');

test('the same seed and time give the same records; another seed gives others', () => {
  const first = generateDemoRecords(50, { seed: 42, now: NOW });
  assert.deepEqual(generateDemoRecords(50, { seed: 42, now: NOW }), first);
  assert.notDeepEqual(generateDemoRecords(50, { seed: 43, now: NOW }), first);
  assert.deepEqual(Array.from(demoRecords(10, { seed: 42, now: NOW })), first.slice(0, 10));
});

test('demo records are realistic: every programme, catalogue vaccines that fit, test NHS numbers, recent times', () => {
  const records = generateDemoRecords(2000, { seed: 7, now: NOW, days: 5 });
  const catalogue = vaccineCatalogue();
  const context = validationContext({ now: NOW });
  for (const record of records) {
    const result = validateRecord(record, 1, context);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
    assert.deepEqual(result.record, record, 'a demo record is already in its normalised form');
    assert.match(record.nhs_number, /^999\d{7}$/);
    assert.ok(isValidNhsNumber(record.nhs_number));
    const vaccine = catalogue.get(record.vaccine_product_code);
    assert.ok(vaccine && vaccine.programme === record.programme && !vaccine.discontinued);
    const recordedAt = Date.parse(record.recorded_at);
    assert.ok(recordedAt <= NOW.getTime() && recordedAt >= NOW.getTime() - 5 * 86_400_000, record.recorded_at);
  }
  const count = (predicate: (record: (typeof records)[number]) => boolean) => records.filter(predicate).length;
  for (const programme of PROGRAMMES) assert.ok(count((record) => record.programme === programme) > 100, programme);
  const flu = count((record) => record.programme === 'flu');
  const nasal = count((record) => record.delivery_method === 'nasal_spray');
  assert.ok(nasal > flu / 3 && nasal < flu, `nasal ${nasal} of ${flu} flu`);
  assert.ok(count((record) => !record.full_dose) > 5, 'some half doses');
  const notGiven = count((record) => record.outcome !== 'administered');
  assert.ok(notGiven > 10 && notGiven < 200, `${notGiven} not administered`);
  assert.ok(count((record) => record.location_urn !== undefined) > 1000);
  assert.ok(count((record) => record.location_urn === undefined && record.location_ods_code !== undefined) > 50);
  assert.ok(count((record) => record.location_urn === undefined && record.location_ods_code === undefined) > 20);
  assert.ok(count((record) => record.performed_at.length === 10) > 500, 'date-only performed_at');
  assert.ok(count((record) => record.performed_at.length > 10) > 500, 'date-time performed_at');
  assert.equal(new Set(records.map((record) => record.record_id)).size, records.length);
});

test('demo data written as CSV or JSON Lines reads back to the same records', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dps-demo-'));
  try {
    const records = generateDemoRecords(300, { seed: 11, now: NOW });
    for (const format of ['csv', 'jsonl'] as const) {
      const path = join(dir, `demo.${format}`);
      const written = await writeRecords(demoRecords(300, { seed: 11, now: NOW }), path, format);
      assert.equal(written.rows, 300);
      assert.equal(written.bytes, (await readFile(path)).length);
      const result = await readRecordsFile(path, { now: NOW });
      assert.deepEqual(result.errors, [], format);
      assert.deepEqual(result.records, records, format);
    }
    const csv = await readFile(join(dir, 'demo.csv'), 'utf8');
    assert.match(csv, /^programme,record_id,nhs_number,given_name,/);
    assert.match(csv, /\r\n$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the writer leaves out catalogue values unless asked to keep them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dps-demo-'));
  try {
    const path = join(dir, 'full.jsonl');
    await writeRecords(generateDemoRecords(3, { seed: 1, now: NOW }), path, 'jsonl', { omitCatalogueValues: false });
    const lines = (await readFile(path, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const line of lines) assert.equal(typeof line['vaccine_product_term'], 'string');
    const short = join(dir, 'short.jsonl');
    await writeRecords(generateDemoRecords(3, { seed: 1, now: NOW }), short, 'jsonl');
    for (const line of (await readFile(short, 'utf8')).trim().split('\n')) assert.equal('vaccine_product_term' in JSON.parse(line), false);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('records can be written to a stream that stays open (as the CLI does with stdout)', async () => {
  const { PassThrough } = await import('node:stream');
  const sink = new PassThrough();
  let text = '';
  sink.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const result = await writeRecords(generateDemoRecords(2, { seed: 1, now: NOW }), sink, 'jsonl', { end: false });
  assert.equal(sink.writableEnded, false);
  sink.end();
  await new Promise((resolve) => sink.on('end', resolve));
  assert.equal(result.rows, 2);
  assert.equal(text.split('\n').length, 3);
  assert.equal(result.bytes, Buffer.byteLength(text));
});

test('the administered demo records of each programme make a DPS file', async () => {
  const records = generateDemoRecords(400, { seed: 5, now: NOW });
  for (const programme of PROGRAMMES) {
    const mine = records.filter((record) => record.programme === programme && record.outcome === 'administered');
    const csv = (await dpsCsvBuffer(mine, { programme })).toString('utf8');
    const lines = csv.split('\n');
    assert.equal(lines.length, mine.length + 2, programme); // header, rows, and the empty string after the last \n
    for (const line of lines.slice(1, -1)) assert.equal(line.split('"|"').length, 34);
  }
});

test('a bad count is refused', () => {
  assert.throws(() => generateDemoRecords(-1), /whole number/);
  assert.throws(() => generateDemoRecords(1.5), /whole number/);
  assert.deepEqual(generateDemoRecords(0), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { dpsCsvBuffer, dpsFileName, sortForDps, writeDpsCsv } from '../../main/dps/dps-csv';
import { readRecords, readRecordsFile } from '../../main/dps/read-records';
import type { VaccinationRecord } from '../../main/dps/record';

const FIXTURES = join(import.meta.dirname, '../fixtures/dps');
const NOW = new Date('2025-06-01T12:00:00Z');

// The worked example (docs/dps-file.md, "Worked example").
/* eslint-disable max-len -- verbatim records and rows of the DPS file */
const WORKED_EXAMPLE_INPUT =
  '{"programme":"hpv","record_id":"496e37d8-d1ab-4e12-a3a3-9c2e136a0504","nhs_number":"999 268 6766","given_name":"Brenton","family_name":"Waters","date_of_birth":"2012-08-18","gender_code":"0","postcode":"UC0W 0JL","recorded_at":"2024-07-23T18:31:47Z","performed_at":"2024-06-12","outcome":"administered","organisation_ods_code":"U1","vaccine_product_code":"33493111000001108","batch_number":"CD5472","batch_expiry":"2024-09-30","delivery_site":"left_arm_upper_position","delivery_method":"intramuscular","dose_sequence":1,"location_urn":"123456"}';
const WORKED_EXAMPLE_ROW =
  '"9992686766"|"Brenton"|"Waters"|"20120818"|"0"|"UC0W 0JL"|"20240612T00000000"|"U1"|"https://fhir.nhs.uk/Id/ods-organization-code"|"496e37d8-d1ab-4e12-a3a3-9c2e136a0504"|"https://manage-vaccinations-in-schools.nhs.uk/vaccination-records"|"new"|""|""|"20240723"|"TRUE"|"761841000"|"Administration of vaccine product containing only Human papillomavirus antigen (procedure)"|"1"|"33493111000001108"|"Gardasil 9 vaccine suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd) (product)"|"Merck Sharp & Dohme"|"CD5472"|"20240930"|"368208006"|"Left upper arm structure"|"78421000"|"Intramuscular"|"0.5"|"258773002"|"Milliliter (qualifier value)"|""|"123456"|"https://fhir.hl7.org.uk/Id/urn-school-number"';
const HEADER =
  '"NHS_NUMBER"|"PERSON_FORENAME"|"PERSON_SURNAME"|"PERSON_DOB"|"PERSON_GENDER_CODE"|"PERSON_POSTCODE"|"DATE_AND_TIME"|"SITE_CODE"|"SITE_CODE_TYPE_URI"|"UNIQUE_ID"|"UNIQUE_ID_URI"|"ACTION_FLAG"|"PERFORMING_PROFESSIONAL_FORENAME"|"PERFORMING_PROFESSIONAL_SURNAME"|"RECORDED_DATE"|"PRIMARY_SOURCE"|"VACCINATION_PROCEDURE_CODE"|"VACCINATION_PROCEDURE_TERM"|"DOSE_SEQUENCE"|"VACCINE_PRODUCT_CODE"|"VACCINE_PRODUCT_TERM"|"VACCINE_MANUFACTURER"|"BATCH_NUMBER"|"EXPIRY_DATE"|"SITE_OF_VACCINATION_CODE"|"SITE_OF_VACCINATION_TERM"|"ROUTE_OF_VACCINATION_CODE"|"ROUTE_OF_VACCINATION_TERM"|"DOSE_AMOUNT"|"DOSE_UNIT_CODE"|"DOSE_UNIT_TERM"|"INDICATION_CODE"|"LOCATION_CODE"|"LOCATION_CODE_TYPE_URI"';
/* eslint-enable max-len */

async function recordsOf(jsonl: string): Promise<VaccinationRecord[]> {
  const result = await readRecords([Buffer.from(jsonl)], 'jsonl', { now: NOW });
  assert.deepEqual(result.errors, []);
  return result.records;
}

test('the worked example of docs/dps-file.md#worked-example gives its row, byte for byte, after the header', async () => {
  const csv = await dpsCsvBuffer(await recordsOf(WORKED_EXAMPLE_INPUT));
  assert.equal(csv.toString('utf8'), `${HEADER}\n${WORKED_EXAMPLE_ROW}\n`);
  assert.notEqual(csv[0], 0xef, 'no BOM');
});

test('every fixture builds its expected CSV byte for byte', async () => {
  const names = (await readdir(FIXTURES)).filter((name) => name.endsWith('.jsonl')).map((name) => name.slice(0, -'.jsonl'.length));
  assert.ok(names.length >= 9, `fixtures found: ${names.join(', ')}`);
  for (const name of names) {
    const result = await readRecordsFile(join(FIXTURES, `${name}.jsonl`), { now: NOW });
    assert.deepEqual(result.errors, [], name);
    const expected = await readFile(join(FIXTURES, `${name}.expected.csv`));
    const actual = await dpsCsvBuffer(result.records);
    assert.equal(actual.toString('utf8'), expected.toString('utf8'), `fixture ${name}`);
    assert.ok(actual.equals(expected), `fixture ${name} (bytes)`);
  }
});

test('writing to a path counts bytes and rows, and leaves no partial file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dps-csv-'));
  try {
    const { records } = await readRecordsFile(join(FIXTURES, 'sorted.jsonl'), { now: NOW });
    const path = join(dir, dpsFileName('hpv', NOW));
    const result = await writeDpsCsv(records, path, { programme: 'hpv' });
    const written = await readFile(path);
    assert.deepEqual(result, { bytes: written.length, rows: 4 });
    assert.ok(written.equals(await readFile(join(FIXTURES, 'sorted.expected.csv'))));
    assert.deepEqual(await readdir(dir), ['Vaccinations-HPV-2025-06-01.csv']);
    if (process.platform !== 'win32') assert.equal((await stat(path)).mode & 0o777, 0o600, 'patient data is for the owner only');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a failed write removes its partial file and leaves no file under the real name', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dps-csv-'));
  try {
    const [record] = await recordsOf(WORKED_EXAMPLE_INPUT);
    // A record the row builder cannot read fails midway through the stream.
    const broken = {
      ...record!,
      record_id: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
      recorded_at: '2024-07-23T18:31:48Z',
      performed_at: 'not a dateTtime',
    };
    await assert.rejects(writeDpsCsv([record!, broken], join(dir, 'out.csv')), /unreadable performed_at/);
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writing to a stream ends it and reports the bytes it received', async () => {
  const records = await recordsOf(WORKED_EXAMPLE_INPUT);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => sink.on('end', resolve));
  const result = await writeDpsCsv(records, sink);
  await ended;
  const text = Buffer.concat(chunks).toString('utf8');
  assert.equal(text, `${HEADER}\n${WORKED_EXAMPLE_ROW}\n`);
  assert.deepEqual(result, { bytes: Buffer.byteLength(text), rows: 1 });
});

test('with end: false the destination stays open after the file', async () => {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const result = await writeDpsCsv(await recordsOf(WORKED_EXAMPLE_INPUT), sink, { end: false });
  assert.equal(sink.writableEnded, false);
  sink.end('after');
  await new Promise((resolve) => sink.on('end', resolve));
  assert.equal(Buffer.concat(chunks).toString('utf8'), `${HEADER}\n${WORKED_EXAMPLE_ROW}\nafter`);
  assert.equal(result.rows, 1);
});

test('an empty export is the header alone', async () => {
  assert.equal((await dpsCsvBuffer([])).toString('utf8'), `${HEADER}\n`);
});

test('UNIQUE_ID_URI can be configured', async () => {
  const csv = (await dpsCsvBuffer(await recordsOf(WORKED_EXAMPLE_INPUT), { uniqueIdUri: 'https://example.org/ids' })).toString('utf8');
  const expectedRow = WORKED_EXAMPLE_ROW.replace(
    '"https://manage-vaccinations-in-schools.nhs.uk/vaccination-records"',
    '"https://example.org/ids"',
  );
  assert.notEqual(expectedRow, WORKED_EXAMPLE_ROW);
  assert.equal(csv, `${HEADER}\n${expectedRow}\n`);
});

test('a record that is not administered, or of another programme, is refused rather than sent', async () => {
  const [record] = await recordsOf(WORKED_EXAMPLE_INPUT);
  assert.ok(record);
  await assert.rejects(dpsCsvBuffer([{ ...record, outcome: 'refused' }]), /only administered records go to DPS/);
  await assert.rejects(dpsCsvBuffer([record], { programme: 'flu' }), /a DPS file holds one programme/);
  await assert.rejects(
    dpsCsvBuffer([record, { ...record, record_id: '11111111-1111-4111-8111-111111111111', programme: 'menacwy' }]),
    /a DPS file holds one programme/,
  );
});

test('sortForDps orders by the instant recorded, then record_id, without changing its input', async () => {
  const records = await recordsOf(await readFile(join(FIXTURES, 'sorted.jsonl'), 'utf8'));
  const before = records.map((record) => record.record_id);
  const sorted = sortForDps(records).map((record) => record.record_id[0]);
  assert.deepEqual(sorted, ['d', 'b', 'c', 'a']);
  assert.deepEqual(
    records.map((record) => record.record_id),
    before,
  );
});

test('file names carry the programme label and the run date in Europe/London', () => {
  assert.equal(dpsFileName('flu', new Date('2024-07-01T12:00:00Z')), 'Vaccinations-Flu-2024-07-01.csv');
  assert.equal(dpsFileName('hpv', new Date('2024-06-30T23:30:00Z')), 'Vaccinations-HPV-2024-07-01.csv');
  assert.equal(dpsFileName('menacwy', new Date('2024-12-31T23:30:00Z')), 'Vaccinations-MenACWY-2024-12-31.csv');
  assert.equal(dpsFileName('td_ipv', Date.UTC(2024, 2, 31, 0, 59)), 'Vaccinations-Td-IPV-2024-03-31.csv');
  assert.equal(dpsFileName('td_ipv', Date.UTC(2024, 9, 26, 23, 0)), 'Vaccinations-Td-IPV-2024-10-27.csv');
  assert.throws(() => dpsFileName('flu', new Date('not a date')), /valid run date/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecords, readRecordsFile } from '../../main/dps/read-records';
import { detectRecordsFormat } from '../../main/dps/records-format';
import { DOCUMENTED_REQUIRED_FIELDS, GOOD as FULL_ROW, NOW } from './import-rows';

const FIELDS = DOCUMENTED_REQUIRED_FIELDS;
const GOOD: Record<string, string> = Object.fromEntries(FIELDS.map((field) => [field, FULL_ROW[field]!]));

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A CSV line for GOOD with changes, in the given column order, quoting every value. */
function csvLine(columns: string[], changes: Record<string, string> = {}): string {
  return columns.map((column) => `"${(changes[column] ?? GOOD[column] ?? '').replace(/"/g, '""')}"`).join(',');
}

async function readCsv(text: string | Buffer) {
  return readRecords([typeof text === 'string' ? Buffer.from(text, 'utf8') : text], 'csv', { now: NOW });
}

async function readJsonl(text: string) {
  return readRecords([Buffer.from(text, 'utf8')], 'jsonl', { now: NOW });
}

function placesOf(errors: { line: number; field: string }[]): string[] {
  return errors.map((error) => `${error.line}:${error.field}`);
}

test('CSV: header in any order, BOM, CRLF, blank lines; every row read', async () => {
  const columns = [...FIELDS].reverse();
  const rows = [csvLine(columns, { record_id: uuid(1) }), '', csvLine(columns, { record_id: uuid(2) })];
  const text = `\uFEFF${columns.join(',')}\r\n${rows.join('\r\n')}\r\n`;
  const result = await readCsv(text);
  assert.deepEqual(result.errors, []);
  assert.equal(result.format, 'csv');
  assert.deepEqual(
    result.records.map((record) => record.record_id),
    [uuid(1), uuid(2)],
  );
  assert.equal(result.records[0]!.nhs_number, '9992686766');
  assert.equal(result.rows, 2);
});

test('CSV: line numbers count the BOM line as line 1 and the lines inside quoted values', async () => {
  // 1: header (after the BOM); 2: good; 3-4: a name holding CRLF in quotes; 5: blank;
  // 6: a bad date; 7-9: a postcode holding two LFs in quotes; 10: a bad NHS number.
  const columns = [...FIELDS, 'postcode'];
  const lines = [
    `\uFEFF${columns.join(',')}`,
    csvLine(columns, { record_id: uuid(1) }),
    csvLine(columns, { record_id: uuid(2), given_name: 'Bren\r\nton' }),
    '',
    csvLine(columns, { record_id: uuid(3), date_of_birth: '2012-02-30' }),
    csvLine(columns, { record_id: uuid(4), postcode: 'UC0W\n\n0JL' }),
    csvLine(columns, { record_id: uuid(5), nhs_number: '9992686767' }),
  ];
  const result = await readCsv(`${lines.join('\r\n')}\n`);
  assert.deepEqual(placesOf(result.errors), ['3:given_name', '6:date_of_birth', '7:postcode', '10:nhs_number']);
  assert.deepEqual(result.records, [], 'all or nothing: no records when any row is bad');
  assert.equal(result.rows, 5);
  assert.equal(result.validRows, 1);
});

test('CSV: unquoted values, a final line without a line break, and spreadsheet blank rows', async () => {
  const header = FIELDS.join(',');
  const row = FIELDS.map((field) => GOOD[field]).join(',');
  const blank = ','.repeat(FIELDS.length - 1);
  const result = await readCsv(`${header}\n${row}\n${blank}\n${blank}`);
  assert.deepEqual(result.errors, []);
  assert.equal(result.records.length, 1);
});

test('CSV: unknown, duplicate, unnamed and missing columns are reported on the header line and nothing is read', async () => {
  const columns = [...FIELDS.filter((field) => field !== 'batch_number'), 'colour', 'Postcode', 'given_name', ''];
  const result = await readCsv(`${columns.join(',')}\n${csvLine(columns)}\n`);
  assert.deepEqual(placesOf(result.errors), ['1:colour', '1:Postcode', '1:given_name', '1:', '1:batch_number']);
  assert.match(result.errors[0]!.reason, /^Unknown column "colour"; remove it or rename it to one of the expected columns\.$/);
  assert.ok(result.expectedColumns, 'a wrong header brings the expected columns');
  assert.deepEqual(result.expectedColumns.required.slice(0, 3), ['programme', 'record_id', 'nhs_number']);
  assert.ok(result.expectedColumns.optional.includes('postcode'));
  assert.match(result.errors[1]!.reason, /field names are lower case: postcode/);
  assert.match(result.errors[2]!.reason, /appears twice/);
  assert.match(result.errors[3]!.reason, /Column \d+ has no name/);
  assert.match(result.errors[4]!.reason, /The required column batch_number is missing from the header row/);
  assert.equal(result.rows, 0);
});

test('CSV: a file separated by | (a DPS file, quoted or not), tabs or semicolons is one sentence naming commas', async () => {
  const dpsHeader = '"NHS_NUMBER"|"PERSON_FORENAME"|"PERSON_SURNAME"\n"9992686766"|"Brenton"|"Waters"\n';
  const cases: [string, RegExp][] = [
    [dpsHeader, /separated by vertical bars \(\|\), as the DPS file the console sends is/],
    [`${FIELDS.join('|')}\n${FIELDS.map((f) => GOOD[f]).join('|')}\n`, /vertical bars/],
    [`\uFEFF${FIELDS.join('\t')}\r\n`, /separated by tabs/],
    [`${FIELDS.join(';')}`, /separated by semicolons/],
  ];
  for (const [text, separator] of cases) {
    const result = await readCsv(text);
    assert.deepEqual(placesOf(result.errors), ['1:'], text);
    assert.match(result.errors[0]!.reason, separator);
    assert.match(result.errors[0]!.reason, /an import file is a CSV separated by commas/);
    assert.ok(result.expectedColumns, 'the expected columns come with it');
    assert.equal(result.rows, 0);
  }
  // A comma-separated header may hold a | in a value's row: only the first line is judged.
  const fine = await readCsv(`${FIELDS.join(',')}\n${csvLine(FIELDS, { batch_number: 'A|B' })}\n`);
  assert.deepEqual(fine.errors, []);
  assert.equal(fine.expectedColumns, undefined);
});

test('CSV: the first line is judged however the bytes arrive', async () => {
  const text = `${FIELDS.join('|')}\n`;
  const result = await readRecords(
    [...Buffer.from(text)].map((byte) => Buffer.from([byte])),
    'csv',
    { now: NOW },
  );
  assert.match(result.errors[0]!.reason, /vertical bars/);
});

test('CSV: a row with too many or too few values is reported with its line', async () => {
  const header = FIELDS.join(',');
  const result = await readCsv(
    [header, `${csvLine(FIELDS, { record_id: uuid(1) })},extra`, csvLine(FIELDS.slice(1)), csvLine(FIELDS, { record_id: uuid(3) })].join(
      '\n',
    ) + '\n',
  );
  assert.deepEqual(placesOf(result.errors), ['2:', '3:']);
  assert.match(result.errors[0]!.reason, /This row has 16 values but the header has 15 columns/);
});

test('CSV: broken quoting stops the read at the line the broken row starts on', async () => {
  const header = FIELDS.join(',');
  const good = csvLine(FIELDS, { record_id: uuid(1) });
  const unclosed = await readCsv(`${header}\n${good}\n${csvLine(FIELDS, { record_id: uuid(2) }).replace(/"$/, '')}\n`);
  assert.deepEqual(placesOf(unclosed.errors), ['3:']);
  assert.match(unclosed.errors[0]!.reason, /A value opened with a double quote is never closed/);
  const closedEarly = await readCsv(`${header}\n${good}\n${csvLine(FIELDS, { record_id: uuid(2) }).replace('"Waters"', '"Wat"ers"')}\n`);
  assert.deepEqual(placesOf(closedEarly.errors), ['3:']);
  assert.match(closedEarly.errors[0]!.reason, /A closing double quote is followed by more text/);
  const stray = await readCsv(`${header}\n${good}\n\n${csvLine(FIELDS, { record_id: uuid(2) }).replace('"Waters"', 'Wat"ers')}\n`);
  assert.deepEqual(placesOf(stray.errors), ['4:']);
  assert.match(stray.errors[0]!.reason, /A double quote appears inside a value that does not start with one/);
  assert.deepEqual(stray.records, []);
});

test('CSV: an empty file says what is expected', async () => {
  for (const text of ['', '\uFEFF', '\n\n']) {
    const result = await readCsv(text);
    assert.deepEqual(placesOf(result.errors), ['1:']);
    assert.match(result.errors[0]!.reason, /The file is empty; expected a header row/);
  }
});

test('CSV: a header alone is an empty, valid import', async () => {
  const result = await readCsv(`${FIELDS.join(',')}\r\n`);
  assert.deepEqual(result, { format: 'csv', records: [], errors: [], problemCount: 0, rows: 0, validRows: 0 });
});

test('JSON Lines: objects read, blank lines skipped, line numbers as in the file, BOM and CRLF accepted', async () => {
  const line = (changes: Record<string, unknown>) => JSON.stringify({ ...GOOD, ...changes });
  const second = line({ record_id: uuid(2), dose_sequence: 2, full_dose: false });
  const text = `\uFEFF${line({ record_id: uuid(1) })}\r\n\r\n${second}\n${line({ record_id: uuid(3) })}`;
  const result = await readJsonl(text);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(
    result.records.map((record) => record.record_id),
    [uuid(1), uuid(2), uuid(3)],
  );
  assert.equal(result.records[1]!.full_dose, false);
  assert.equal(result.records[1]!.dose_sequence, 2);
});

test('JSON Lines: a bad JSON line, a non-object and unknown fields are reported with their lines', async () => {
  const line = (changes: Record<string, unknown>) => JSON.stringify({ ...GOOD, ...changes });
  const text = [
    line({ record_id: uuid(1) }),
    '{"programme": "hpv", "record_id": ',
    '',
    '["not", "an", "object"]',
    line({ record_id: uuid(5), colour: 'blue' }),
    line({ record_id: uuid(6), gender_code: 7 }),
  ].join('\n');
  const result = await readJsonl(`${text}\n`);
  assert.deepEqual(placesOf(result.errors), ['2:', '4:', '5:colour', '6:gender_code']);
  assert.match(result.errors[0]!.reason, /This line is not valid JSON; expected one JSON object per line/);
  assert.match(result.errors[1]!.reason, /not an object/);
  assert.deepEqual(result.records, []);
  assert.equal(result.rows, 5);
  assert.equal(result.validRows, 1);
});

test('JSON Lines: a line far longer than any record stops the read', async () => {
  const result = await readRecords(
    [Buffer.from(`${JSON.stringify(GOOD)}\n`), Buffer.from(`{"given_name":"${'x'.repeat(70_000)}`), Buffer.from('"}\n')],
    'jsonl',
    { now: NOW },
  );
  assert.deepEqual(placesOf(result.errors), ['2:']);
  assert.match(result.errors[0]!.reason, /longer than 64 KB/);
});

test('a record_id used twice in one file is reported on the second line', async () => {
  const line = JSON.stringify(GOOD);
  const result = await readJsonl(`${line}\n${line}\n`);
  assert.deepEqual(placesOf(result.errors), ['2:record_id']);
  assert.match(result.errors[0]!.reason, /already used on line 1/);
});

test('a file is read as CSV or JSON Lines by its extension, else by its first character', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dps-read-'));
  try {
    const csv = `${FIELDS.join(',')}\n${csvLine(FIELDS)}\n`;
    const jsonl = `${JSON.stringify(GOOD)}\n`;
    const files: [string, string, 'csv' | 'jsonl'][] = [
      ['records.csv', csv, 'csv'],
      ['records.CSV', csv, 'csv'],
      ['records.jsonl', jsonl, 'jsonl'],
      ['records.ndjson', jsonl, 'jsonl'],
      ['records.txt', csv, 'csv'],
      ['records.txt2', `\uFEFF  ${jsonl}`, 'jsonl'],
      ['records', jsonl, 'jsonl'],
    ];
    for (const [name, text, format] of files) {
      const path = join(dir, name);
      await writeFile(path, text);
      assert.equal(await detectRecordsFormat(path), format, name);
      const result = await readRecordsFile(path, { now: NOW });
      assert.deepEqual(result.errors, [], name);
      assert.equal(result.format, format, name);
      assert.equal(result.records.length, 1, name);
    }
    await assert.rejects(readRecordsFile(join(dir, 'missing.csv')), { code: 'ENOENT' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

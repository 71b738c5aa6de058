// The DPS line formatter against csv-stringify configured as docs/dps-file.md ("File format")
// describes the file: the same bytes for awkward values, and for whole files of demo records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'csv-stringify/sync';
import { DPS_COLUMNS, dpsRow } from '../../main/dps/csv-row';
import { demoRecords } from '../../main/dps/demo-records';
import { dpsCsvBuffer } from '../../main/dps/dps-csv';
import { dpsCsvLine } from '../../main/dps/dps-csv-line';
import { PROGRAMMES } from '../../main/dps/programmes';
import { ADMINISTERED } from '../../main/dps/record';

const DPS_FORMAT = { delimiter: '|', quoted: true, quoted_empty: true, record_delimiter: '\n', eof: true } as const;

function byCsvStringify(rows: string[][], header = false): string {
  return stringify(rows, { ...DPS_FORMAT, header, ...(header ? { columns: [...DPS_COLUMNS] } : {}) });
}

const AWKWARD = [
  '',
  'plain',
  'O"Brien',
  '""',
  '"',
  'pipe|inside',
  '|',
  'new\nline',
  'carriage\rreturn',
  '\r\n',
  'Zoë Łukasz 李',
  '🙂 emoji',
  '=SUM(A1)',
  '  spaces  ',
  'tab\there',
  'comma, semicolon;',
];

test('each awkward value is quoted as csv-stringify quotes it', () => {
  for (const value of AWKWARD) {
    assert.equal(dpsCsvLine([value]), byCsvStringify([[value]]), JSON.stringify(value));
    assert.equal(dpsCsvLine(['a', value, '']), byCsvStringify([['a', value, '']]), JSON.stringify(value));
  }
});

test('random rows of awkward pieces match csv-stringify byte for byte', () => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const rows: string[][] = [];
  for (let r = 0; r < 2_000; r++) {
    const row: string[] = [];
    for (let c = 0; c < 34; c++) {
      let value = '';
      for (let p = next() % 4; p > 0; p--) value += AWKWARD[next() % AWKWARD.length];
      row.push(value);
    }
    rows.push(row);
  }
  assert.equal(rows.map(dpsCsvLine).join(''), byCsvStringify(rows));
});

test('whole files of demo records match csv-stringify, header included', async () => {
  const records = Array.from(demoRecords(2_000, { seed: 11 })).filter((record) => record.outcome === ADMINISTERED);
  for (const programme of PROGRAMMES) {
    const ours = (
      await dpsCsvBuffer(
        records.filter((record) => record.programme === programme),
        { programme },
      )
    ).toString('utf8');
    const rows = ours.split('\n').length - 2;
    assert.ok(rows > 50, `${programme}: ${rows} rows`);
    const sorted = records
      .filter((record) => record.programme === programme)
      .sort((a, b) => Date.parse(a.recorded_at) - Date.parse(b.recorded_at) || (a.record_id < b.record_id ? -1 : 1));
    assert.equal(
      ours,
      byCsvStringify(
        sorted.map((record) => dpsRow(record)),
        true,
      ),
      programme,
    );
  }
});

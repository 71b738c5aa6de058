// Reads an import file (CSV or JSON Lines), checks every row, and returns the records or
// every problem found. All or nothing is the caller's rule: with any error, `records` is
// empty, so a bad file cannot be half-imported by mistake.
import { createReadStream } from 'node:fs';
import type { RowError } from '../domain';
import type { VaccinationRecord } from './record';
import { detectRecordsFormat, type RecordsFormat } from './records-format';
import type { RecordsInput } from './source-row';
import { readCsvRows } from './read-csv-rows';
import { readJsonlRows } from './read-jsonl-rows';
import { validateRecord, validationContext, type ValidationOptions } from './validate-record';

export interface ReadRecordsResult {
  format: RecordsFormat;
  /** Every record of the file when `errors` is empty; empty otherwise. */
  records: VaccinationRecord[];
  /** Every problem, in file order: line (as a text editor numbers it), field ('' for the whole row), reason. */
  errors: RowError[];
  /** Data rows read (blank lines not counted). */
  rows: number;
  /** Rows with no problem. */
  validRows: number;
}

export async function readRecordsFile(path: string, options: ValidationOptions = {}): Promise<ReadRecordsResult> {
  const format = await detectRecordsFormat(path);
  return readRecords(createReadStream(path, { highWaterMark: 256 * 1024 }), format, options);
}

/** Reads import data from a stream or chunks of bytes; the format is not guessed here. */
export async function readRecords(input: RecordsInput, format: RecordsFormat, options: ValidationOptions = {}): Promise<ReadRecordsResult> {
  const context = validationContext(options);
  const source = format === 'csv' ? readCsvRows(input) : readJsonlRows(input);
  const records: VaccinationRecord[] = [];
  const errors: RowError[] = [];
  const lineOfRecordId = new Map<string, number>();
  let rows = 0;
  let validRows = 0;

  read: for await (const batch of source) {
    for (const item of batch) {
      if (item.kind === 'fatal') {
        errors.push(...item.errors);
        break read;
      }
      rows++;
      if (item.kind === 'bad-row') {
        errors.push(...item.errors);
        continue;
      }
      const result = validateRecord(item.row, item.line, context, { checkFieldNames: format !== 'csv' });
      if (!result.ok) {
        errors.push(...result.errors);
        continue;
      }
      const { record } = result;
      const firstLine = lineOfRecordId.get(record.record_id);
      if (firstLine !== undefined) {
        errors.push({
          line: item.line,
          field: 'record_id',
          reason: `This record_id is already used on line ${firstLine}; each record may appear only once in a file.`,
        });
        continue;
      }
      lineOfRecordId.set(record.record_id, item.line);
      validRows++;
      if (errors.length === 0) records.push(record);
    }
  }
  return { format, records: errors.length === 0 ? records : [], errors, rows, validRows };
}

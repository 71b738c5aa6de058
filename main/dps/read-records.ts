// Reads an import file (CSV or JSON Lines), checks every row, and returns the records or
// the problems found. All or nothing is the caller's rule: with any error, `records` is
// empty, so a bad file cannot be half-imported by mistake. Memory is bounded whatever the
// input: a file over MAX_IMPORT_BYTES is refused before it is read, and only the first
// MAX_LISTED_PROBLEMS problems are kept, the rest counted.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ExpectedColumns, RowError } from '../domain';
import { EXPECTED_COLUMNS } from './csv-header';
import type { VaccinationRecord } from './record';
import { detectRecordsFormat, type RecordsFormat } from './records-format';
import type { RecordsInput } from './source-row';
import { readCsvRows } from './read-csv-rows';
import { readJsonlRows } from './read-jsonl-rows';
import { validateRecord, validationContext, type ValidationOptions } from './validate-record';

/**
 * The largest import file: about 400,000 records. Every record is held until the whole file has
 * been checked (all or nothing), at about 2.5 KB of memory each; a larger file is refused unread.
 */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
/** Problems listed one by one; any after these are only counted. */
export const MAX_LISTED_PROBLEMS = 1000;

function megabytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
}

/** The sentence for a file too large to import in one go. */
export function tooLargeToImport(bytes: number | undefined): string {
  const size = bytes === undefined ? 'more than' : `${megabytes(bytes)}, more than`;
  return (
    `The file is ${size} the ${megabytes(MAX_IMPORT_BYTES)} one import can take (about 400,000 records): ` +
    `split it into smaller files and import each.`
  );
}

export interface ReadRecordsResult {
  format: RecordsFormat;
  /** Every record of the file when `errors` is empty; empty otherwise. */
  records: VaccinationRecord[];
  /**
   * The problems, in file order: line (as a text editor numbers it), field ('' for the whole row),
   * reason; the first MAX_LISTED_PROBLEMS of them.
   */
  errors: RowError[];
  /** Every problem found, listed or not. */
  problemCount: number;
  /** Data rows read (blank lines not counted). */
  rows: number;
  /** Rows with no problem. */
  validRows: number;
  /** Set when the header row is not an import file's. */
  expectedColumns?: ExpectedColumns;
}

export async function readRecordsFile(path: string, options: ValidationOptions = {}): Promise<ReadRecordsResult> {
  const format = await detectRecordsFormat(path);
  const { size } = await stat(path);
  if (size > MAX_IMPORT_BYTES) {
    return {
      format,
      records: [],
      errors: [{ line: 0, field: '', reason: tooLargeToImport(size) }],
      problemCount: 1,
      rows: 0,
      validRows: 0,
    };
  }
  return readRecords(createReadStream(path, { highWaterMark: 256 * 1024 }), format, options);
}

/** The input, ended with an error once more than MAX_IMPORT_BYTES have come (a stream of unknown length). */
async function* bounded(input: RecordsInput): AsyncGenerator<Buffer | string> {
  let bytes = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (bytes > MAX_IMPORT_BYTES) throw new ImportTooLarge();
    yield chunk;
  }
}

class ImportTooLarge extends Error {}

/** Reads import data from a stream or chunks of bytes; the format is not guessed here. */
export async function readRecords(input: RecordsInput, format: RecordsFormat, options: ValidationOptions = {}): Promise<ReadRecordsResult> {
  const context = validationContext(options);
  const limited = Readable.from(bounded(input), { objectMode: false });
  const source = format === 'csv' ? readCsvRows(limited) : readJsonlRows(limited);
  const records: VaccinationRecord[] = [];
  const errors: RowError[] = [];
  let problemCount = 0;
  const problems = (found: RowError[]) => {
    problemCount += found.length;
    for (const error of found) if (errors.length < MAX_LISTED_PROBLEMS) errors.push(error);
  };
  const lineOfRecordId = new Map<string, number>();
  let rows = 0;
  let validRows = 0;
  let wrongHeader = false;

  try {
    await readAll();
  } catch (error) {
    if (!(error instanceof ImportTooLarge)) throw error;
    return { format, records: [], errors: [{ line: 0, field: '', reason: tooLargeToImport(undefined) }], problemCount: 1, rows, validRows };
  }
  return {
    format,
    records: problemCount === 0 ? records : [],
    errors,
    problemCount,
    rows,
    validRows,
    ...(wrongHeader ? { expectedColumns: EXPECTED_COLUMNS } : {}),
  };

  async function readAll(): Promise<void> {
    read: for await (const batch of source) {
      for (const item of batch) {
        if (item.kind === 'fatal') {
          problems(item.errors);
          wrongHeader = item.wrongHeader === true;
          break read;
        }
        rows++;
        if (item.kind === 'bad-row') {
          problems(item.errors);
          continue;
        }
        const result = validateRecord(item.row, item.line, context, { checkFieldNames: format !== 'csv' });
        if (!result.ok) {
          problems(result.errors);
          continue;
        }
        const { record } = result;
        const firstLine = lineOfRecordId.get(record.record_id);
        if (firstLine !== undefined) {
          problems([
            {
              line: item.line,
              field: 'record_id',
              reason: `This record_id is already used on line ${firstLine}; each record may appear only once in a file.`,
            },
          ]);
          continue;
        }
        lineOfRecordId.set(record.record_id, item.line);
        validRows++;
        if (problemCount === 0) records.push(record);
        // Once the file is refused its records are not needed: let them go.
        else if (records.length) records.length = 0;
      }
    }
  }
}

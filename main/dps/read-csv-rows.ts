// Streams the rows of an import CSV (RFC 4180, comma, UTF-8, optional BOM, header row of
// field names in any order), in batches. Line numbers are where each row starts in the file
// as a text editor shows it, so a value with a line break inside quotes moves later rows down.
import { pipeline, Readable } from 'node:stream';
import { Parser, type CsvError, type Options } from 'csv-parse';
import { checkHeader, passingFirstLine, wrongSeparator } from './csv-header';
import { RECORD_FIELDS, REQUIRED_FIELDS, type RecordField } from './record';
import type { RecordsInput, SourceRow } from './source-row';
import type { RawRow } from './validate-record';
/** No import row comes near this; a longer one means a quote was never closed. */
const MAX_RECORD_BYTES = 64 * 1024;

export async function* readCsvRows(input: RecordsInput): AsyncGenerator<SourceRow[]> {
  // Another separator is told from the first line: csv-parse would fail on it, or read one column.
  let separatorProblem: string | undefined;
  const rows = new CsvRows(() => separatorProblem);
  let pending: SourceRow[] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  // Rows are taken as csv-parse finds them, not from the stream's buffer: a syntax error later
  // in the file then cannot discard rows still buffered, and the line count stays exact.
  const parser = new RecordParser(
    {
      bom: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n'],
      max_record_size: MAX_RECORD_BYTES,
    },
    (record) => {
      const item = rows.take(record);
      if (item) {
        pending.push(item);
        wake?.();
      }
    },
  );
  parser.on('end', () => {
    ended = true;
    wake?.();
  });
  parser.on('error', (error) => {
    failure = error;
    wake?.();
  });
  parser.resume(); // nothing reaches the buffer, but 'end' needs a flowing stream
  // pipeline, unlike pipe, passes a read error on the input to the parser (and so to us), and
  // closes the input when we stop early.
  const checked = Readable.from(
    passingFirstLine(input, (line) => {
      separatorProblem = wrongSeparator(line);
    }),
  );
  pipeline(checked, parser, () => {});

  try {
    for (;;) {
      if (pending.length > 0) {
        const batch = pending;
        pending = [];
        yield batch;
        if (batch.some((item) => item.kind === 'fatal')) return;
        continue;
      }
      if (failure !== undefined) {
        const code = (failure as Partial<CsvError>).code;
        if (typeof code !== 'string' || (!code.startsWith('CSV_') && code !== 'INVALID_OPENING_QUOTE')) throw failure;
        if (separatorProblem && !rows.sawHeader) {
          yield [{ kind: 'fatal', wrongHeader: true, errors: [{ line: 1, field: '', reason: separatorProblem }] }];
          return;
        }
        // The record that could not be read starts on the line after the last good one.
        yield [{ kind: 'fatal', errors: [{ line: rows.nextLine, field: '', reason: syntaxReason(code) }] }];
        return;
      }
      if (ended) {
        if (!rows.sawHeader) {
          yield [
            {
              kind: 'fatal',
              wrongHeader: true,
              errors: [
                {
                  line: 1,
                  field: '',
                  reason:
                    `The file is empty; expected a header row naming the columns (${REQUIRED_FIELDS.join(', ')}, ...) and then one ` +
                    `row per record.`,
                },
              ],
            },
          ];
        }
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
  } finally {
    parser.destroy();
  }
}

/**
 * A csv-parse Parser whose records go straight to a callback instead of its readable buffer.
 * (csv-parse's own on_record hook does the same but builds an info object per record, a
 * fifth of the CSV reading time at 100,000 rows.)
 */
class RecordParser extends Parser {
  constructor(
    options: Options,
    private readonly onRecord: (record: string[]) => void,
  ) {
    super(options);
  }

  override push(chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk === null) return super.push(null, encoding);
    this.onRecord(chunk as string[]);
    return true;
  }
}

/** Turns parsed records into rows: the header first, then one object per data row. */
class CsvRows {
  /** The line the next record starts on. */
  nextLine = 1;
  private stopped = false;
  private columnOf: ColumnOf | undefined;
  private columnCount = 0;

  constructor(private readonly separatorProblem: () => string | undefined) {}

  get sawHeader(): boolean {
    return this.columnOf !== undefined;
  }

  take(record: string[]): SourceRow | undefined {
    if (this.stopped) return undefined;
    // csv-parse's own line count is thrown off by CRLF inside quotes, so lines are counted here:
    // each record ends with one line break, plus those inside its quoted values. Blank lines come
    // through as records of one empty value, which keeps the count right.
    const line = this.nextLine;
    this.nextLine += 1 + lineBreaksIn(record);
    if (isBlank(record)) return undefined; // a blank line, or a spreadsheet's empty row
    if (this.columnOf === undefined) {
      const separator = this.separatorProblem();
      const problems = separator ? [{ line, field: '', reason: separator }] : checkHeader(record, line);
      if (problems.length > 0) {
        this.stopped = true;
        return { kind: 'fatal', wrongHeader: true, errors: problems };
      }
      const names = record.map((name) => name.trim());
      this.columnCount = record.length;
      // A field without a column points past the end of every row, where values are undefined.
      const columnOf = {} as ColumnOf;
      for (const field of RECORD_FIELDS) {
        const index = names.indexOf(field);
        columnOf[field] = index === -1 ? record.length : index;
      }
      this.columnOf = columnOf;
      return undefined;
    }
    if (record.length !== this.columnCount) {
      return {
        kind: 'bad-row',
        errors: [
          {
            line,
            field: '',
            reason:
              `This row has ${record.length} values but the header has ${this.columnCount} columns; check for a missing or ` +
              `extra comma, or a value containing a comma that is not in double quotes.`,
          },
        ],
      };
    }
    const row = rowOf(record, this.columnOf);
    return { kind: 'row', line, row };
  }
}

/** Where each field's value is in a row. */
type ColumnOf = Record<RecordField, number>;

/** One object literal with every field: all rows share one shape, and building them is cheap. */
function rowOf(values: string[], at: ColumnOf): RawRow {
  return {
    programme: values[at.programme],
    record_id: values[at.record_id],
    nhs_number: values[at.nhs_number],
    given_name: values[at.given_name],
    family_name: values[at.family_name],
    date_of_birth: values[at.date_of_birth],
    gender_code: values[at.gender_code],
    postcode: values[at.postcode],
    recorded_at: values[at.recorded_at],
    performed_at: values[at.performed_at],
    outcome: values[at.outcome],
    organisation_ods_code: values[at.organisation_ods_code],
    performer_given_name: values[at.performer_given_name],
    performer_family_name: values[at.performer_family_name],
    dose_sequence: values[at.dose_sequence],
    vaccine_product_code: values[at.vaccine_product_code],
    vaccine_product_term: values[at.vaccine_product_term],
    vaccine_manufacturer: values[at.vaccine_manufacturer],
    dose_volume_ml: values[at.dose_volume_ml],
    full_dose: values[at.full_dose],
    batch_number: values[at.batch_number],
    batch_expiry: values[at.batch_expiry],
    delivery_site: values[at.delivery_site],
    delivery_method: values[at.delivery_method],
    location_urn: values[at.location_urn],
    location_ods_code: values[at.location_ods_code],
  } satisfies Record<RecordField, string | undefined>;
}

function isBlank(record: string[]): boolean {
  for (const value of record) if (value.trim() !== '') return false;
  return true;
}

function lineBreaksIn(record: string[]): number {
  let count = 0;
  for (const value of record) {
    let at = value.indexOf('\n');
    while (at !== -1) {
      count++;
      at = value.indexOf('\n', at + 1);
    }
  }
  return count;
}

function syntaxReason(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return (
        'A value opened with a double quote is never closed; add the closing quote (a quote inside a quoted value is ' +
        'written twice: "").'
      );
    case 'INVALID_OPENING_QUOTE':
      return (
        'A double quote appears inside a value that does not start with one; put the whole value in double quotes and ' +
        'write the quote twice ("").'
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'A closing double quote is followed by more text; a quote inside a quoted value must be written twice ("").';
    case 'CSV_MAX_RECORD_SIZE':
      return `A row is longer than ${MAX_RECORD_BYTES / 1024} KB; most likely a double quote is never closed.`;
    default:
      return `The file is not valid CSV from this line on (${code}); save it again as CSV (comma separated, UTF-8).`;
  }
}

// What the CSV and JSON Lines readers hand to validation: a row with the line it starts on,
// a row that could not be read (its errors), or a problem that ends the file (header, syntax).
import type { Readable } from 'node:stream';
import type { RowError } from '../domain';
import type { RawRow } from './validate-record';

export type SourceRow =
  | { kind: 'row'; line: number; row: RawRow }
  | { kind: 'bad-row'; errors: RowError[] }
  /** `wrongHeader`: the header row is not an import file's, so the refusal shows the expected columns. */
  | { kind: 'fatal'; errors: RowError[]; wrongHeader?: boolean };

/** The bytes of an import file: a stream, or chunks of it. */
export type RecordsInput = Readable | Iterable<Buffer | string> | AsyncIterable<Buffer | string>;

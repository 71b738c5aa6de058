// What the CSV and JSON Lines readers hand to validation: a row with the line it starts on,
// a row that could not be read (its errors), or a problem that ends the file (header, syntax).
import type { Readable } from 'node:stream';
import type { RowError } from '../domain';
import type { RawRow } from './validate-record';

export type SourceRow =
  { kind: 'row'; line: number; row: RawRow } | { kind: 'bad-row'; errors: RowError[] } | { kind: 'fatal'; errors: RowError[] };

/** The bytes of an import file: a stream, or chunks of it. */
export type RecordsInput = Readable | Iterable<Buffer | string> | AsyncIterable<Buffer | string>;

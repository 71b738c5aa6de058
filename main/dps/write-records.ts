// Writes records in the import format (CSV or JSON Lines), so that what one console exports
// as demo data another imports unchanged. Streams: memory stays flat for any count.
import { createWriteStream } from 'node:fs';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { ByteCounter } from './byte-counter';
import { RECORD_FIELDS, type VaccinationRecord } from './record';
import type { RecordsFormat } from './records-format';
import { vaccineCatalogue, type VaccineCatalogue } from './vaccine-catalogue';

export interface WriteRecordsOptions {
  /**
   * Leave out vaccine_product_term, vaccine_manufacturer and dose_volume_ml where the
   * catalogue gives the same values for the product code, as an import file normally would
   * (default true). False writes every value.
   */
  omitCatalogueValues?: boolean;
  catalogue?: VaccineCatalogue;
  /** End a Writable destination when done (default true; never for process.stdout or stderr). */
  end?: boolean;
}

export interface WriteRecordsResult {
  bytes: number;
  rows: number;
}

/**
 * CSV: RFC 4180 (comma, CRLF, quotes only where needed), a header of every field name.
 * JSON Lines: one object per line with the fields in the same order.
 */
export async function writeRecords(
  records: Iterable<VaccinationRecord> | AsyncIterable<VaccinationRecord>,
  destination: Writable | string,
  format: RecordsFormat,
  options: WriteRecordsOptions = {},
): Promise<WriteRecordsResult> {
  const catalogue = options.omitCatalogueValues === false ? undefined : (options.catalogue ?? vaccineCatalogue());
  let rows = 0;
  const counted = (async function* () {
    for await (const record of records) {
      rows++;
      yield catalogue ? withoutCatalogueValues(record, catalogue) : record;
    }
  })();
  const counter = new ByteCounter();
  // Records are patient data (demo data only looks like it): readable by the owner only.
  const sink = typeof destination === 'string' ? createWriteStream(destination, { mode: 0o600 }) : destination;
  const encoder =
    format === 'csv'
      ? stringify({ header: true, columns: [...RECORD_FIELDS], record_delimiter: '\r\n', readableObjectMode: true })
      : new Transform({
          writableObjectMode: true,
          readableObjectMode: true,
          transform(record: Partial<VaccinationRecord>, _encoding, callback) {
            callback(null, `${JSON.stringify(orderedFields(record))}\n`);
          },
        });
  const source = Readable.from(format === 'csv' ? mapAsync(counted, toCsvRow) : counted, { objectMode: true });
  const end = options.end !== false && sink !== process.stdout && sink !== process.stderr;
  await pipeline(source, encoder, counter, sink, { end });
  return { bytes: counter.bytes, rows };
}

function withoutCatalogueValues(record: VaccinationRecord, catalogue: VaccineCatalogue): Partial<VaccinationRecord> {
  const vaccine = catalogue.get(record.vaccine_product_code);
  if (
    !vaccine ||
    vaccine.productTerm !== record.vaccine_product_term ||
    vaccine.manufacturer !== record.vaccine_manufacturer ||
    vaccine.doseVolumeMl !== record.dose_volume_ml
  ) {
    return record;
  }
  const { vaccine_product_term: _term, vaccine_manufacturer: _manufacturer, dose_volume_ml: _volume, ...rest } = record;
  return rest;
}

function toCsvRow(record: Partial<VaccinationRecord>): string[] {
  return RECORD_FIELDS.map((field) => {
    const value = record[field];
    return value === undefined ? '' : String(value);
  });
}

function orderedFields(record: Partial<VaccinationRecord>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const field of RECORD_FIELDS) {
    if (record[field] !== undefined) ordered[field] = record[field];
  }
  return ordered;
}

async function* mapAsync<T, U>(items: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield map(item);
}

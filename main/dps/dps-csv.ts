// The DPS CSV file (docs/dps-file.md, "File format"): UTF-8 without BOM, `|` between fields,
// every field in double quotes (empty ones and the header too), `"` doubled, each row ending in
// `\n`, rows in the order the records were recorded. Streamed: rows are gathered into buffers
// of about 256 KB, each written before the next is built.
//
// Why not csv-stringify here: every DPS field is quoted, so a row is one map and one join.
// csv-stringify does the same bytes (test/dps/dps-csv-line.test.ts checks them against it)
// but spends about 0.7 s more on 97,000 rows (per-field checks for options this format never
// uses, and rows built as string ropes), which put the export's CSV build over its 2 s target.
// csv-stringify still writes the records CSV (write-records.ts), where columns are optional.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_UNIQUE_ID_URI } from './dps-codes';
import { DPS_COLUMNS, dpsRow } from './csv-row';
import { dpsCsvLine } from './dps-csv-line';
import { londonDate } from './london-time';
import { PROGRAMME_INFO, type Programme } from './programmes';
import { ADMINISTERED, type VaccinationRecord } from './record';

/** Characters gathered before a buffer is written: few writes, bounded memory. */
const CHUNK_CHARS = 256 * 1024;

export interface DpsCsvOptions {
  /** UNIQUE_ID_URI; defaults to the Manage vaccinations in schools record URI. */
  uniqueIdUri?: string;
  /** When given, every record must belong to this programme. */
  programme?: Programme;
  /** End a Writable destination when done (default true; never for process.stdout or stderr). */
  end?: boolean;
}

export interface DpsCsvResult {
  /** Bytes written, header included. */
  bytes: number;
  /** Data rows written (the header not counted). */
  rows: number;
}

/**
 * Writes the DPS CSV for administered records of one programme, sorted by recorded_at then
 * record_id. A Writable destination is ended when done unless `end` is false; a path is written
 * beside itself first and renamed into place, so a failed write never leaves a half file under
 * the real name.
 */
export async function writeDpsCsv(
  records: Iterable<VaccinationRecord>,
  destination: Writable | string,
  options: DpsCsvOptions = {},
): Promise<DpsCsvResult> {
  const sorted = sortForDps(records);
  checkExportable(sorted, options.programme);
  const chunks = new DpsCsvChunks(sorted, options.uniqueIdUri ?? DEFAULT_UNIQUE_ID_URI);
  const source = Readable.from(chunks, { objectMode: false });

  if (typeof destination !== 'string') {
    const end = options.end !== false && destination !== process.stdout && destination !== process.stderr;
    await pipeline(source, destination, { end });
    return { bytes: chunks.bytes, rows: sorted.length };
  }
  const partial = `${destination}.partial`;
  try {
    // Patient data: readable by the console's own user only.
    await pipeline(source, createWriteStream(partial, { mode: 0o600 }));
    await rename(partial, destination);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { bytes: chunks.bytes, rows: sorted.length };
}

/** The whole DPS CSV in memory, for small files and tests. */
export async function dpsCsvBuffer(records: Iterable<VaccinationRecord>, options: DpsCsvOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writeDpsCsv(records, sink, options);
  return Buffer.concat(chunks);
}

/** A copy of the records in DPS file order: recorded_at (as instants), then record_id. */
export function sortForDps(records: Iterable<VaccinationRecord>): VaccinationRecord[] {
  const keyed = Array.from(records, (record) => ({ record, at: Date.parse(record.recorded_at) }));
  const order = (a: (typeof keyed)[number], b: (typeof keyed)[number]) =>
    a.at - b.at || (a.record.record_id < b.record.record_id ? -1 : a.record.record_id > b.record.record_id ? 1 : 0);
  // The records store hands records over in this order already: check before sorting.
  let sorted = true;
  for (let i = 1; i < keyed.length && sorted; i++) sorted = order(keyed[i - 1]!, keyed[i]!) <= 0;
  if (!sorted) keyed.sort(order);
  return keyed.map((entry) => entry.record);
}

/**
 * `Vaccinations-<Flu|HPV|MenACWY|Td-IPV>-<YYYY-MM-DD>.csv`, dated in Europe/London; the day's
 * second file of a programme ends `-2.csv`, the third `-3.csv`, and so on (docs/dps-file.md,
 * "File naming"). `sequence` is which file of the day this is, from 1.
 */
export function dpsFileName(programme: Programme, runDate: Date | number = Date.now(), sequence = 1): string {
  const at = Number(runDate);
  if (!Number.isFinite(at)) throw new Error('A DPS file name needs a valid run date.');
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error('A DPS file name needs a sequence of 1 or more.');
  return `Vaccinations-${PROGRAMME_INFO[programme].fileLabel}-${londonDate(at)}${sequence > 1 ? `-${sequence}` : ''}.csv`;
}

/**
 * The name for a new file of this programme on this day that repeats none of `taken` (the names
 * in the export history): one past the highest sequence already used that day, so the day's
 * files sort in the order they were sent.
 */
export function nextDpsFileName(programme: Programme, runDate: Date | number, taken: Iterable<string>): string {
  const first = dpsFileName(programme, runDate);
  const stem = first.slice(0, -'.csv'.length);
  let highest = 0;
  for (const name of taken) {
    if (name === first) highest = Math.max(highest, 1);
    else if (name.startsWith(`${stem}-`) && name.endsWith('.csv')) {
      const sequence = Number(name.slice(stem.length + 1, -'.csv'.length));
      if (Number.isInteger(sequence) && sequence > 1) highest = Math.max(highest, sequence);
    }
  }
  return dpsFileName(programme, runDate, highest + 1);
}

function checkExportable(records: VaccinationRecord[], programme: Programme | undefined): void {
  const expected = programme ?? records[0]?.programme;
  for (const record of records) {
    if (record.outcome !== ADMINISTERED) {
      throw new Error(`Record ${record.record_id} has the outcome ${record.outcome}; only administered records go to DPS.`);
    }
    if (record.programme !== expected) {
      throw new Error(`Record ${record.record_id} is ${record.programme}, not ${expected}; a DPS file holds one programme.`);
    }
  }
}

/** The file as UTF-8 buffers of about CHUNK_CHARS characters, header first; counts the bytes. */
class DpsCsvChunks implements Iterable<Buffer> {
  bytes = 0;

  constructor(
    private readonly records: VaccinationRecord[],
    private readonly uniqueIdUri: string,
  ) {}

  *[Symbol.iterator](): Iterator<Buffer> {
    let lines = [dpsCsvLine(DPS_COLUMNS)];
    let pending = lines[0]!.length;
    for (const record of this.records) {
      const line = dpsCsvLine(dpsRow(record, this.uniqueIdUri));
      lines.push(line);
      pending += line.length;
      if (pending >= CHUNK_CHARS) {
        yield this.encode(lines);
        lines = [];
        pending = 0;
      }
    }
    if (lines.length) yield this.encode(lines);
  }

  private encode(lines: string[]): Buffer {
    const buffer = Buffer.from(lines.join(''), 'utf8');
    this.bytes += buffer.length;
    return buffer;
  }
}

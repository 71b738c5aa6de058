// The files the transfer benchmark sends, made beforehand (not timed), streamed to disk and
// hashed as they are written.
//
// CSV: DPS-shaped rows (every field quoted, `|` between) made from a pool of 20,000 demo
// records, drawn in random order. gzip only looks back 32 KB (about 45 rows), so a stream of
// rows drawn from 20,000 distinct ones compresses as a real DPS file does; making every row
// afresh would take a minute for 1 GB.
// Random: bytes from the CSPRNG, which gzip cannot shrink at all (the worst case).
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { demoRecords } from '../main/dps/demo-records';
import { DPS_COLUMNS, dpsRow } from '../main/dps/csv-row';

export interface PayloadFile {
  path: string;
  bytes: number;
  sha256: string;
  kind: 'csv' | 'random';
}

const BLOCK = 4 * 1024 * 1024;
const POOL_SIZE = 20_000;

function quotedRow(values: readonly string[]): string {
  return `${values.map((value) => `"${value.replaceAll('"', '""')}"`).join('|')}\n`;
}

function csvRowPool(): Buffer[] {
  const pool: Buffer[] = [];
  for (const record of demoRecords(POOL_SIZE, { seed: 2026, now: Date.UTC(2026, 10, 20, 18) })) {
    if (record.outcome === 'administered') pool.push(Buffer.from(quotedRow(dpsRow(record))));
  }
  return pool;
}

/** A small fast PRNG (xorshift32): the row order only needs to look random. */
function xorshift(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

async function writeBlocks(path: string, bytes: number, nextBlock: (want: number) => Buffer): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path, { highWaterMark: BLOCK });
  let written = 0;
  while (written < bytes) {
    const block = nextBlock(Math.min(BLOCK, bytes - written));
    hash.update(block);
    written += block.length;
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  return hash.digest('hex');
}

export async function writeCsvPayload(path: string, bytes: number): Promise<PayloadFile> {
  const pool = csvRowPool();
  const random = xorshift(20261120);
  let first = true;
  const sha256 = await writeBlocks(path, bytes, (want) => {
    const parts: Buffer[] = [];
    let size = 0;
    if (first) {
      const header = Buffer.from(quotedRow(DPS_COLUMNS));
      parts.push(header);
      size += header.length;
      first = false;
    }
    while (size < want) {
      const row = pool[Math.floor(random() * pool.length)]!;
      parts.push(row);
      size += row.length;
    }
    // The last row of the file may be cut short: the size is exact, the content is only a payload.
    return Buffer.concat(parts, size).subarray(0, want);
  });
  return { path, bytes, sha256, kind: 'csv' };
}

export async function writeRandomPayload(path: string, bytes: number): Promise<PayloadFile> {
  const sha256 = await writeBlocks(path, bytes, (want) => randomFillSync(Buffer.allocUnsafe(want)));
  return { path, bytes, sha256, kind: 'random' };
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const part of createReadStream(path, { highWaterMark: BLOCK })) hash.update(part as Buffer);
  return hash.digest('hex');
}

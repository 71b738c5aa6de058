// Shared bits for the store tests: temp folders and sample records.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { Programme } from '../../preload/api';

export async function tempDir(prefix = 'mesh-store-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestRecord {
  record_id: string;
  programme: Programme;
  recorded_at: string;
  outcome: string;
  nhs_number: string;
  given_name: string;
  family_name: string;
  dose_sequence?: number;
  postcode?: string;
}

export function sampleRecord(n: number, overrides: Partial<TestRecord> = {}): TestRecord {
  const programmes: Programme[] = ['flu', 'hpv', 'menacwy', 'td_ipv'];
  return {
    record_id: `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`,
    programme: programmes[n % 4]!,
    recorded_at: new Date(Date.UTC(2026, 8, 1) + n * 60_000).toISOString(),
    outcome: 'administered',
    nhs_number: '9992686766',
    given_name: `Given${n}`,
    family_name: `Family${n}`,
    dose_sequence: 1,
    ...overrides,
  };
}

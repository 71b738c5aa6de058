// Shared bits for the store tests: temp folders, stores opened in them, and sample records.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after } from 'node:test';
import type { Programme } from '../../preload/api';
import { AuditLog, type AuditLogOptions } from '../../main/store/audit-log';
import { openStores, type OpenStoresOptions, type Stores } from '../../main/store/open-stores';
import type { StoreableRecord } from '../../main/store/records-store';

/** What each temp folder must close before it is removed, by folder. */
const closers = new Map<string, (() => Promise<unknown>)[]>();

/**
 * A new folder, removed after the test; whatever was opened in it through `closeWithFolder`
 * (or `openTestStores`, `openTestAuditLog`) is closed first, newest first, so no coalesced
 * audit write or lock file lands in a folder being removed.
 */
export async function tempDir(prefix = 'mesh-store-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const toClose: (() => Promise<unknown>)[] = [];
  closers.set(dir, toClose);
  after(async () => {
    const failures: unknown[] = [];
    for (const close of toClose.reverse()) await close().catch((error: unknown) => failures.push(error));
    closers.delete(dir);
    await rm(dir, { recursive: true, force: true });
    if (failures.length) throw failures[0];
  });
  return dir;
}

/** Has `opened` closed before the temp folder holding `path` is removed; returns it. */
export function closeWithFolder<T extends { close(): Promise<unknown> }>(path: string, opened: T): T {
  const entry = [...closers].find(([dir]) => path === dir || path.startsWith(dir + sep));
  if (!entry) throw new Error(`${path} is not in a folder made by tempDir(), so nothing would close what is opened there`);
  entry[1].push(() => opened.close());
  return opened;
}

/** openStores, closed (its audit log flushed) before the temp folder is removed. */
export async function openTestStores<R extends StoreableRecord>(dir: string, options?: OpenStoresOptions): Promise<Stores<R>> {
  return closeWithFolder(dir, await openStores<R>(dir, options));
}

/** AuditLog.open, closed (flushed) before the temp folder is removed. */
export async function openTestAuditLog(dir: string, options?: AuditLogOptions): Promise<AuditLog> {
  return closeWithFolder(dir, await AuditLog.open(dir, options));
}

/** Resolves once `condition` holds, checking every few milliseconds; no deadline of its own (the test's is the limit). */
export async function until(condition: () => boolean | Promise<boolean>, signal?: AbortSignal): Promise<void> {
  while (!(await condition())) {
    signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
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

// Watches the inbound folder for record files. A file is taken only once it has stopped
// changing (same size and modification time on two looks, a settle time apart), so a file still
// being copied in is never half-imported. Then it is imported (all or nothing) and moved to
// `imported/`, or to `failed/` with a report of every bad row beside it.
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ImportResult } from '../domain';

const RECORD_EXTENSIONS = new Set(['.csv', '.jsonl', '.ndjson']);

export interface InboundFolderOptions {
  /** How often to look; default 10 s. */
  intervalMs?: number;
  /** How long a file must stay unchanged before it is taken; default 5 s. */
  settleMs?: number;
  now?: () => number;
  onImported?: (file: string, result: ImportResult, movedTo: string) => void;
  onError?: (file: string, error: unknown) => void;
}

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-');
}

export function errorReport(file: string, result: ImportResult): string {
  const lines = [
    `${file} was not imported: nothing from it was stored. Correct these rows and drop the file in again.`,
    '',
    'line,field,problem',
  ];
  for (const error of result.errors) lines.push([error.line, error.field, `"${error.reason.replace(/"/g, '""')}"`].join(','));
  return `${lines.join('\n')}\n`;
}

export class InboundFolderWatcher {
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;

  constructor(
    readonly folder: string,
    private readonly importFile: (path: string) => Promise<ImportResult>,
    private readonly options: InboundFolderOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      void this.scan().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs ?? 10_000);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.scanning;
  }

  /** One look at the folder: imports every file that has settled. */
  scan(): Promise<void> {
    this.scanning ??= this.scanOnce().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async scanOnce(): Promise<void> {
    const now = this.options.now?.() ?? Date.now();
    const settleMs = this.options.settleMs ?? 5_000;
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      this.options.onError?.(this.folder, error);
      return;
    }
    const present = new Set<string>();
    for (const name of names.sort()) {
      if (name.startsWith('.') || !RECORD_EXTENSIONS.has(extname(name).toLowerCase())) continue;
      const path = join(this.folder, name);
      let info;
      try {
        info = await stat(path);
      } catch {
        continue;
      }
      if (!info.isFile()) continue;
      present.add(name);
      const before = this.seen.get(name);
      if (!before || before.size !== info.size || before.mtimeMs !== info.mtimeMs) {
        this.seen.set(name, { size: info.size, mtimeMs: info.mtimeMs, since: now });
        continue;
      }
      if (now - before.since < settleMs) continue;
      this.seen.delete(name);
      await this.take(name, path, now);
    }
    for (const name of [...this.seen.keys()]) if (!present.has(name)) this.seen.delete(name);
  }

  private async take(name: string, path: string, now: number): Promise<void> {
    try {
      const result = await this.importFile(path);
      const target = join(this.folder, result.ok ? 'imported' : 'failed');
      await mkdir(target, { recursive: true });
      const movedTo = join(target, `${stamp(now)}-${name}`);
      if (!result.ok) await writeFile(`${movedTo}.errors.csv`, errorReport(name, result));
      await rename(path, movedTo);
      this.options.onImported?.(name, result, movedTo);
    } catch (error) {
      this.options.onError?.(name, error);
    }
  }
}

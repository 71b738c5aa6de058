// Which of the two import forms a file is: by its extension, else by its first character.
import { open } from 'node:fs/promises';
import { extname } from 'node:path';

export type RecordsFormat = 'csv' | 'jsonl';

/** The format an extension names, or undefined for an extension that does not say. */
export function formatFromExtension(path: string): RecordsFormat | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson' || extension === '.json') return 'jsonl';
  return undefined;
}

/** JSON Lines when the first character after any BOM and white space is `{`, otherwise CSV. */
export function formatFromContent(start: string): RecordsFormat {
  return start
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{')
    ? 'jsonl'
    : 'csv';
}

export async function detectRecordsFormat(path: string): Promise<RecordsFormat> {
  const byExtension = formatFromExtension(path);
  if (byExtension) return byExtension;
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return formatFromContent(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

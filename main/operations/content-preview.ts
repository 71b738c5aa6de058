// What the message screen shows of a message's contents: text, a table for comma- or
// pipe-delimited files, or a size and hex summary for binary. Always data, never markup: the
// renderer shows it as text.
import { parse } from 'csv-parse/sync';
import type { ContentView } from '../domain';

export const PREVIEW_BYTES = 256 * 1024;
const MAX_TEXT_CHARS = 64 * 1024;
const MAX_TABLE_ROWS = 500;
const HEX_BYTES = 512;

function isBinary(bytes: Buffer): boolean {
  if (bytes.subarray(0, 8192).includes(0)) return true;
  try {
    // A cut in the middle of a multi-byte character at the end is not binary.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.max(0, bytes.length - 4)));
    return false;
  } catch {
    return true;
  }
}

function delimiterOf(lines: string[]): ',' | '|' | undefined {
  for (const delimiter of ['|', ','] as const) {
    const counts = lines.map((line) => line.split(delimiter).length - 1);
    if (counts[0]! > 0 && counts.every((count) => count === counts[0])) return delimiter;
  }
  return undefined;
}

function hexDump(bytes: Buffer): string {
  const rows: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    rows.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  return rows.join('\n');
}

/** `head` is the first PREVIEW_BYTES (or fewer) of a message of `size` bytes. */
export function contentView(head: Buffer, size: number): ContentView {
  if (size === 0) return { kind: 'empty' };
  const truncatedBytes = size > head.length;
  if (isBinary(head)) return { kind: 'binary', hex: hexDump(head.subarray(0, HEX_BYTES)), truncated: size > HEX_BYTES };

  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const completeText = truncatedBytes ? text.slice(0, Math.max(0, text.lastIndexOf('\n'))) : text;
  const sampleLines = completeText
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .slice(0, 5);
  const delimiter = sampleLines.length >= 2 ? delimiterOf(sampleLines) : undefined;
  if (delimiter) {
    try {
      const rows = parse(completeText, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        bom: true,
      }) as string[][];
      const [header = [], ...body] = rows;
      return {
        kind: 'table',
        delimiter,
        header,
        rows: body.slice(0, MAX_TABLE_ROWS),
        totalRows: body.length,
        truncated: truncatedBytes || body.length > MAX_TABLE_ROWS,
      };
    } catch {
      // Not well-formed after all: show it as text.
    }
  }
  return { kind: 'text', text: text.slice(0, MAX_TEXT_CHARS), truncated: truncatedBytes || text.length > MAX_TEXT_CHARS };
}

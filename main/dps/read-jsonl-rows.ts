// Streams the rows of a JSON Lines import in batches: one JSON object per line, blank lines
// skipped, CRLF or LF, an optional BOM. Split by hand: faster than readline at this volume.
import { StringDecoder } from 'node:string_decoder';
import type { RecordsInput, SourceRow } from './source-row';

/** No record comes near this; a longer line is not a JSON Lines record file. */
const MAX_LINE_CHARS = 64 * 1024;
const NOT_JSON = 'This line is not valid JSON; expected one JSON object per line, such as {"programme":"flu","record_id":"...",...}.';
const NOT_OBJECT = 'This line is JSON but not an object; expected one object per line, such as {"programme":"flu","record_id":"...",...}.';

export async function* readJsonlRows(input: RecordsInput): AsyncGenerator<SourceRow[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  for await (const chunk of input) {
    const text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const lastBreak = text.lastIndexOf('\n');
    if (lastBreak === -1) {
      pending = text;
      if (pending.length > MAX_LINE_CHARS) {
        yield [
          {
            kind: 'fatal',
            errors: [
              {
                line: line + 1,
                field: '',
                reason:
                  `This line is longer than ${MAX_LINE_CHARS / 1024} KB; expected one record per line (is this really a JSON ` +
                  `Lines file?).`,
              },
            ],
          },
        ];
        return;
      }
      continue;
    }
    pending = text.slice(lastBreak + 1);
    const batch: SourceRow[] = [];
    let start = 0;
    while (start <= lastBreak) {
      const end = text.indexOf('\n', start);
      line++;
      const row = parseLine(text.slice(start, end), line);
      if (row) batch.push(row);
      start = end + 1;
    }
    if (batch.length > 0) yield batch;
  }
  const rest = pending + decoder.end();
  if (rest !== '') {
    const row = parseLine(rest, line + 1);
    if (row) yield [row];
  }
}

function parseLine(raw: string, line: number): SourceRow | undefined {
  let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'bad-row', errors: [{ line, field: '', reason: NOT_JSON }] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'bad-row', errors: [{ line, field: '', reason: NOT_OBJECT }] };
  }
  return { kind: 'row', line, row: value as Record<string, unknown> };
}

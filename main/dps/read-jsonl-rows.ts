// Streams the rows of a JSON Lines import: one JSON object per line, blank lines skipped.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { SourceRow } from './source-row';

export async function* readJsonlRows(input: Readable | AsyncIterable<Buffer | string>): AsyncGenerator<SourceRow> {
  const stream = input instanceof Readable ? input : Readable.from(input);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (let text of lines) {
      line++;
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        yield { kind: 'bad-row', errors: [{ line, field: '', reason: 'This line is not valid JSON; expected one JSON object per line, such as {"programme":"flu","record_id":"...",...}.' }] };
        continue;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        yield { kind: 'bad-row', errors: [{ line, field: '', reason: 'This line is JSON but not an object; expected one object per line, such as {"programme":"flu","record_id":"...",...}.' }] };
        continue;
      }
      yield { kind: 'row', line, row: value as Record<string, unknown> };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}

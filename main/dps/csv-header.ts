// The header row of an import CSV: which columns it names, and a refusal that says what was
// expected when it is not an import file's header (another separator, unknown or missing columns).
import type { RowError } from '../domain';
import { RECORD_FIELDS, REQUIRED_FIELDS } from './record';

const KNOWN_FIELDS: ReadonlySet<string> = new Set(RECORD_FIELDS);

/** The columns an import file's header may name: the required ones, then the others. */
export const EXPECTED_COLUMNS = {
  required: [...REQUIRED_FIELDS],
  optional: RECORD_FIELDS.filter((field) => !REQUIRED_FIELDS.includes(field)),
};

const SEPARATORS = [
  { char: '|', name: 'vertical bars (|), as the DPS file the console sends is' },
  { char: '\t', name: 'tabs' },
  { char: ';', name: 'semicolons' },
];

/**
 * When the first line is separated by something other than commas, the sentence that says so.
 * Only a line without a comma is judged: a comma-separated header may hold any other character.
 */
export function wrongSeparator(firstLine: string): string | undefined {
  if (firstLine.includes(',')) return undefined;
  const found = SEPARATORS.find(({ char }) => firstLine.includes(char));
  if (!found) return undefined;
  return (
    `This file's columns are separated by ${found.name}, but an import file is a CSV separated by commas: save it as ` +
    `CSV (comma separated, UTF-8) with a header row naming the expected columns.`
  );
}

/** Reads the first line of the input as it passes, then hands every byte on unchanged. */
export async function* passingFirstLine(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  onFirstLine: (line: string) => void,
): AsyncGenerator<Buffer> {
  const held: Buffer[] = [];
  let heldBytes = 0;
  let seen = false;
  const look = () => {
    seen = true;
    const text = Buffer.concat(held, heldBytes)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    onFirstLine(text.split(/\r?\n/, 1)[0] ?? '');
  };
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (seen) {
      yield bytes;
      continue;
    }
    held.push(bytes);
    heldBytes += bytes.length;
    if (bytes.includes(0x0a) || heldBytes >= 64 * 1024) {
      look();
      yield* held.splice(0);
    }
  }
  if (!seen) {
    look();
    yield* held.splice(0);
  }
}

/** Every problem of a header row, or none. */
export function checkHeader(names: string[], line: number): RowError[] {
  const errors: RowError[] = [];
  const seen = new Set<string>();
  names.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') {
      errors.push({ line, field: '', reason: `Column ${index + 1} has no name in the header row; every column needs a field name.` });
    } else if (!KNOWN_FIELDS.has(name)) {
      const hint = KNOWN_FIELDS.has(name.toLowerCase()) ? ` (field names are lower case: ${name.toLowerCase()})` : '';
      errors.push({
        line,
        field: name,
        reason:
          `Unknown column "${name.length > 60 ? `${name.slice(0, 57)}...` : name}"${hint}; ` +
          `remove it or rename it to one of the expected columns.`,
      });
    } else if (seen.has(name)) {
      errors.push({ line, field: name, reason: `The column ${name} appears twice in the header row; keep one.` });
    }
    seen.add(name);
  });
  for (const field of REQUIRED_FIELDS) {
    if (!seen.has(field)) errors.push({ line, field, reason: `The required column ${field} is missing from the header row; add it.` });
  }
  return errors;
}

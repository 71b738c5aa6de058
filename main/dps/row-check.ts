// Collects one row's problems while its fields are read: each reader returns the field's value,
// or undefined after recording why it cannot be used.
import type { RowError } from '../domain';
import { EXPECT, ODS_CODE } from './field-expectations';

// Control characters (tab included) have no place in a name or a batch number.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export class RowCheck {
  /** Allocated on the first problem: most rows have none. */
  errors: RowError[] | undefined;

  constructor(private readonly line: number) {}

  fail(field: string, reason: string): void {
    (this.errors ??= []).push({ line: this.line, field, reason });
  }

  /** The field as trimmed text; undefined when absent, empty, or of a type that was reported. */
  text(field: string, value: unknown, required: boolean, expected: string): string | undefined {
    let text: string | undefined;
    if (typeof value === 'string') text = value.trim();
    else if (typeof value === 'number') {
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        this.fail(field, 'This number is too long to be read exactly; write it as text in quotes.');
        return undefined;
      }
      text = String(value);
    } else if (typeof value === 'boolean') text = String(value);
    else if (value !== undefined && value !== null) {
      this.fail(field, `A list or object was given; ${expected}.`);
      return undefined;
    }
    if (text === undefined || text === '') {
      if (required) this.fail(field, `Missing; this field is required (${expected}).`);
      return undefined;
    }
    return text;
  }

  /** Free text: a name, postcode, batch number or vaccine term. */
  name(field: string, value: unknown, required: boolean): string | undefined {
    const text = this.text(field, value, required, 'expected text');
    if (text === undefined) return undefined;
    if (CONTROL.test(text)) {
      this.fail(field, 'Contains a line break, tab or other control character; expected plain text on one line.');
      return undefined;
    }
    if (text.includes('\uFFFD')) {
      this.fail(field, 'Contains bytes that are not valid UTF-8; save the file as UTF-8 and import it again.');
      return undefined;
    }
    return text;
  }

  odsCode(field: string, value: unknown, required: boolean): string | undefined {
    const text = this.text(field, value, required, EXPECT.ods);
    if (text === undefined) return undefined;
    if (ODS_CODE.test(text)) return text.toUpperCase();
    this.fail(field, `"${clip(text)}" is not an ODS code; ${EXPECT.ods}.`);
    return undefined;
  }
}

/** Echoes a value back in an error without letting a huge one flood the report. */
export function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

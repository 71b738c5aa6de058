// Rows for the import tests: a good row as a CSV gives it, the documented required fields
// (written out here, not taken from the code, so that a change to the code's list shows), and
// helpers that check one row with some of its values changed.
import assert from 'node:assert/strict';
import { validateRecord, validationContext, type RawRow } from '../../main/dps/validate-record';

export const NOW = new Date('2025-06-01T12:00:00Z');
const context = validationContext({ now: NOW });

/** The fields docs/dps-file.md says every row must have. */
export const DOCUMENTED_REQUIRED_FIELDS = [
  'programme',
  'record_id',
  'nhs_number',
  'given_name',
  'family_name',
  'date_of_birth',
  'gender_code',
  'recorded_at',
  'performed_at',
  'outcome',
  'organisation_ods_code',
  'vaccine_product_code',
  'batch_number',
  'delivery_site',
  'delivery_method',
];

/** A good row as a CSV gives it: every value a string. */
export const GOOD: Record<string, string> = {
  programme: 'hpv',
  record_id: '496e37d8-d1ab-4e12-a3a3-9c2e136a0504',
  nhs_number: '999 268 6766',
  given_name: 'Brenton',
  family_name: 'Waters',
  date_of_birth: '2012-08-18',
  gender_code: '0',
  postcode: 'UC0W 0JL',
  recorded_at: '2024-07-23T18:31:47Z',
  performed_at: '2024-06-12',
  outcome: 'administered',
  organisation_ods_code: 'U1',
  performer_given_name: '',
  performer_family_name: '',
  dose_sequence: '1',
  vaccine_product_code: '33493111000001108',
  vaccine_product_term: '',
  vaccine_manufacturer: '',
  dose_volume_ml: '',
  full_dose: '',
  batch_number: 'CD5472',
  batch_expiry: '2024-09-30',
  delivery_site: 'left_arm_upper_position',
  delivery_method: 'intramuscular',
  location_urn: '123456',
  location_ods_code: '',
};

export function check(changes: Record<string, unknown>, line = 7) {
  const row: Record<string, unknown> = { ...GOOD };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) delete row[field];
    else row[field] = value;
  }
  return validateRecord(row as RawRow, line, context);
}

export function errorsOf(changes: Record<string, unknown>): { field: string; reason: string }[] {
  const result = check(changes);
  if (result.ok) return [];
  for (const error of result.errors) assert.equal(error.line, 7);
  return result.errors.map(({ field, reason }) => ({ field, reason }));
}

/** Exactly one error, on `field`, whose reason matches `reason`. */
export function rejects(changes: Record<string, unknown>, field: string, reason: RegExp): void {
  const errors = errorsOf(changes);
  assert.equal(errors.length, 1, `expected one error on ${field} for ${JSON.stringify(changes)}, got ${JSON.stringify(errors)}`);
  assert.equal(errors[0]!.field, field, JSON.stringify(errors));
  assert.match(errors[0]!.reason, reason);
}

export function accepts(changes: Record<string, unknown>) {
  const result = check(changes);
  assert.ok(result.ok, `expected no errors for ${JSON.stringify(changes)}, got ${JSON.stringify(!result.ok && result.errors)}`);
  return result.record;
}

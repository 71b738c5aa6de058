import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedFields } from '../../main/dps/record-diff';
import { readRecords } from '../../main/dps/read-records';

const NOW = new Date('2025-06-01T12:00:00Z');
const BASE = {
  programme: 'hpv', record_id: '496e37d8-d1ab-4e12-a3a3-9c2e136a0504', nhs_number: '9992686766', given_name: 'Brenton',
  family_name: 'Waters', date_of_birth: '2012-08-18', gender_code: '0', recorded_at: '2024-07-23T18:31:47Z', performed_at: '2024-06-12',
  outcome: 'administered', organisation_ods_code: 'U1', vaccine_product_code: '33493111000001108', batch_number: 'CD5472',
  delivery_site: 'left_arm_upper_position', delivery_method: 'intramuscular',
};

async function record(changes: Record<string, unknown>) {
  const result = await readRecords([JSON.stringify({ ...BASE, ...changes })], 'jsonl', { now: NOW });
  assert.deepEqual(result.errors, []);
  return result.records[0]!;
}

test('the same facts written differently are unchanged', async () => {
  const first = await record({});
  const second = await record({
    nhs_number: '999 268 6766', recorded_at: '2024-07-23T19:31:47+01:00', record_id: BASE.record_id.toUpperCase(),
    organisation_ods_code: 'u1', full_dose: 'TRUE', vaccine_manufacturer: 'Merck Sharp & Dohme',
  });
  assert.deepEqual(changedFields(first, second), []);
});

test('changed, added and removed values are listed in field order', async () => {
  const first = await record({ postcode: 'UC0W 0JL', dose_sequence: 1 });
  const second = await record({ batch_number: 'CD5473', full_dose: false, location_urn: '123456' });
  assert.deepEqual(changedFields(first, second), ['postcode', 'dose_sequence', 'full_dose', 'batch_number', 'location_urn']);
});

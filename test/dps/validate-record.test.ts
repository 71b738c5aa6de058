import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENTED_REQUIRED_FIELDS, check, errorsOf, rejects, accepts } from './import-rows';

test('a good row becomes a normalised record, catalogue values filled in', () => {
  const record = accepts({ record_id: '496E37D8-D1AB-4E12-A3A3-9C2E136A0504', organisation_ods_code: 'u1' });
  assert.deepEqual(record, {
    programme: 'hpv',
    record_id: '496e37d8-d1ab-4e12-a3a3-9c2e136a0504',
    nhs_number: '9992686766',
    given_name: 'Brenton',
    family_name: 'Waters',
    date_of_birth: '2012-08-18',
    gender_code: '0',
    postcode: 'UC0W 0JL',
    recorded_at: '2024-07-23T18:31:47.000Z',
    performed_at: '2024-06-12',
    outcome: 'administered',
    organisation_ods_code: 'U1',
    dose_sequence: 1,
    vaccine_product_code: '33493111000001108',
    vaccine_product_term: 'Gardasil 9 vaccine suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd) (product)',
    vaccine_manufacturer: 'Merck Sharp & Dohme',
    dose_volume_ml: 0.5,
    full_dose: true,
    batch_number: 'CD5472',
    batch_expiry: '2024-09-30',
    delivery_site: 'left_arm_upper_position',
    delivery_method: 'intramuscular',
    location_urn: '123456',
  });
});

test('required fields: each one missing or empty is reported on its own field', () => {
  for (const field of DOCUMENTED_REQUIRED_FIELDS) {
    rejects({ [field]: undefined }, field, /^Missing; this field is required/);
    rejects({ [field]: '   ' }, field, /^Missing; this field is required/);
    rejects({ [field]: null }, field, /^Missing; this field is required/);
  }
});

test('optional fields may be left out', () => {
  const record = accepts({
    postcode: undefined,
    performer_given_name: undefined,
    performer_family_name: undefined,
    dose_sequence: undefined,
    vaccine_product_term: undefined,
    vaccine_manufacturer: undefined,
    dose_volume_ml: undefined,
    full_dose: undefined,
    batch_expiry: undefined,
    location_urn: undefined,
    location_ods_code: undefined,
  });
  assert.equal(record.full_dose, true);
  for (const field of ['postcode', 'dose_sequence', 'batch_expiry', 'location_urn', 'location_ods_code', 'performer_given_name'] as const) {
    assert.equal(field in record, false, field);
  }
});

test('programme', () => {
  for (const programme of ['flu', 'hpv', 'menacwy', 'td_ipv']) {
    const errors = errorsOf({ programme });
    assert.ok(
      errors.every((error) => error.field !== 'programme'),
      programme,
    );
  }
  rejects({ programme: 'HPV' }, 'programme', /"HPV" is not a programme; expected one of flu, hpv, menacwy, td_ipv/);
  rejects({ programme: 'td-ipv' }, 'programme', /not a programme/);
});

test('record_id must be a UUID', () => {
  rejects({ record_id: '496e37d8d1ab4e12a3a39c2e136a0504' }, 'record_id', /is not a UUID; expected a UUID such as/);
  rejects({ record_id: '496e37d8-d1ab-4e12-a3a3-9c2e136a050g' }, 'record_id', /not a UUID/);
});

test('nhs_number: ten digits with a valid Modulus 11 check digit, spaces stripped, never echoed', () => {
  assert.equal(accepts({ nhs_number: ' 999 268 6766 ' }).nhs_number, '9992686766');
  assert.equal(accepts({ nhs_number: 9992686766 }).nhs_number, '9992686766');
  rejects({ nhs_number: '9992686767' }, 'nhs_number', /Modulus 11 check digit/);
  rejects({ nhs_number: '9990000000' }, 'nhs_number', /Modulus 11 check digit/);
  rejects({ nhs_number: '999268676' }, 'nhs_number', /expected 10 digits/);
  rejects({ nhs_number: '999-268-6766' }, 'nhs_number', /expected 10 digits/);
  for (const error of errorsOf({ nhs_number: '9992686767' })) assert.doesNotMatch(error.reason, /999\s?268/);
});

test('names and other text: control characters and broken UTF-8 are refused, names are not echoed', () => {
  rejects({ given_name: 'Bren\nton' }, 'given_name', /line break, tab or other control character/);
  rejects({ family_name: 'Wa\tters' }, 'family_name', /control character/);
  rejects({ batch_number: 'CD\u00005472' }, 'batch_number', /control character/);
  rejects({ postcode: 'UC0W \uFFFD0JL' }, 'postcode', /not valid UTF-8/);
  const record = accepts({ given_name: ' Ann "Nan" ', family_name: "O'Neil|Smith" });
  assert.equal(record.given_name, 'Ann "Nan"');
  assert.equal(record.family_name, "O'Neil|Smith");
  for (const error of errorsOf({ given_name: 'Secret\nName' })) assert.doesNotMatch(error.reason, /Secret/);
});

test('date_of_birth: a real YYYY-MM-DD date, not in the future', () => {
  rejects({ date_of_birth: '2011-02-29' }, 'date_of_birth', /"2011-02-29" is not a real date; expected a real date written YYYY-MM-DD/);
  accepts({ date_of_birth: '2012-02-29' });
  rejects({ date_of_birth: '18/08/2012' }, 'date_of_birth', /not a real date/);
  rejects({ date_of_birth: '2012-8-18' }, 'date_of_birth', /not a real date/);
  rejects({ date_of_birth: '2012-13-01' }, 'date_of_birth', /not a real date/);
  rejects({ date_of_birth: '2012-08-18T00:00:00Z' }, 'date_of_birth', /not a real date/);
  rejects({ date_of_birth: '1899-12-31' }, 'date_of_birth', /not a real date/);
  rejects({ date_of_birth: '2025-06-02', performed_at: '2025-06-01' }, 'date_of_birth', /2025-06-02 is in the future/);
  accepts({ date_of_birth: '2025-06-01', performed_at: '2025-06-01' });
});

test('gender_code: 0, 1, 2 or 9', () => {
  for (const code of ['0', '1', '2', '9', 2]) accepts({ gender_code: code });
  rejects(
    { gender_code: '3' },
    'gender_code',
    /"3" is not a gender code; expected 0 \(not known\), 1 \(male\), 2 \(female\) or 9 \(not specified\)/,
  );
  rejects({ gender_code: 'F' }, 'gender_code', /not a gender code/);
});

test('recorded_at: an ISO 8601 date-time with Z or an offset, stored as the UTC instant', () => {
  assert.equal(accepts({ recorded_at: '2024-07-23T19:31:47+01:00' }).recorded_at, '2024-07-23T18:31:47.000Z');
  assert.equal(accepts({ recorded_at: '2024-07-23T19:31:47.25+0100' }).recorded_at, '2024-07-23T18:31:47.250Z');
  assert.equal(accepts({ recorded_at: '2024-07-23T13:31-05:00' }).recorded_at, '2024-07-23T18:31:00.000Z');
  rejects({ recorded_at: '2024-07-23T18:31:47' }, 'recorded_at', /is not a date-time; expected an ISO 8601 date-time with Z or an offset/);
  rejects({ recorded_at: '2024-07-23' }, 'recorded_at', /is a date without a time/);
  rejects({ recorded_at: '2024-07-23 18:31:47Z' }, 'recorded_at', /not a date-time/);
  rejects({ recorded_at: '2024-07-23T24:00:00Z' }, 'recorded_at', /not a date-time/);
  rejects({ recorded_at: '2024-02-30T10:00:00Z' }, 'recorded_at', /not a date-time/);
  rejects({ recorded_at: '2025-06-01T12:10:00Z' }, 'recorded_at', /is in the future/);
  accepts({ recorded_at: '2025-06-01T12:04:00Z' }); // within the clock-skew allowance
});

test('performed_at: a date or a date-time, not in the future, not before birth', () => {
  assert.equal(accepts({ performed_at: '2024-06-12' }).performed_at, '2024-06-12');
  assert.equal(accepts({ performed_at: '2024-06-12T10:00:00+01:00' }).performed_at, '2024-06-12T09:00:00.000Z');
  rejects(
    { performed_at: '2024-06-31' },
    'performed_at',
    /"2024-06-31" is not a real date; expected a date written YYYY-MM-DD or an ISO 8601 date-time/,
  );
  rejects({ performed_at: '2024-06-12T10:00:00' }, 'performed_at', /not a valid date-time/);
  rejects({ performed_at: '2025-06-02' }, 'performed_at', /is in the future/);
  rejects({ performed_at: '2025-06-01T13:00:00Z' }, 'performed_at', /is in the future/);
  rejects({ performed_at: '2012-08-17' }, 'performed_at', /before the date of birth/);
  // 2012-08-17T23:30Z is already the 18th in London (BST).
  accepts({ performed_at: '2012-08-17T23:30:00Z' });
});

test('outcome: only the documented words (docs/dps-file.md, "Import files")', () => {
  for (const word of [
    'administered',
    'refused',
    'not_well',
    'contraindications',
    'already_had',
    'absent_from_school',
    'absent_from_session',
  ])
    assert.equal(accepts({ outcome: word }).outcome, word);
  const expected =
    /is not an outcome word; expected one of administered, refused, not_well, contraindications, already_had, absent_from_school, absent_from_session\.$/;
  rejects({ outcome: 'Administered' }, 'outcome', expected);
  rejects({ outcome: 'not well' }, 'outcome', expected);
  // A lower-case word the services do not use would be held but never sent: it is refused instead.
  rejects({ outcome: 'vaccinated' }, 'outcome', expected);
  rejects({ outcome: 'given' }, 'outcome', expected);
});

test('ODS codes: letters and digits, stored in upper case', () => {
  assert.equal(accepts({ organisation_ods_code: 'ryg' }).organisation_ods_code, 'RYG');
  assert.equal(accepts({ location_ods_code: 'rx9ab' }).location_ods_code, 'RX9AB');
  rejects({ organisation_ods_code: 'U-1' }, 'organisation_ods_code', /"U-1" is not an ODS code; expected an ODS code/);
  rejects({ organisation_ods_code: 'U' }, 'organisation_ods_code', /not an ODS code/);
  rejects({ location_ods_code: 'R X9' }, 'location_ods_code', /not an ODS code/);
});

test('dose_sequence: a positive whole number', () => {
  assert.equal(accepts({ dose_sequence: '2' }).dose_sequence, 2);
  assert.equal(accepts({ dose_sequence: 3 }).dose_sequence, 3);
  for (const bad of ['0', '-1', '1.5', 'one', '01', 1.5, 0]) {
    rejects({ dose_sequence: bad }, 'dose_sequence', /is not a dose number; expected a whole number from 1 upwards/);
  }
});

test('location_urn: six digits', () => {
  rejects({ location_urn: '12345' }, 'location_urn', /"12345" is not a school URN; expected a school URN of 6 digits/);
  rejects({ location_urn: 'URN123' }, 'location_urn', /not a school URN/);
  assert.equal(accepts({ location_urn: 654321 }).location_urn, '654321');
});

test('JSON values of the wrong kind, and numbers too long to read exactly', () => {
  rejects({ given_name: ['Brenton'] }, 'given_name', /A list or object was given; expected text/);
  rejects({ vaccine_product_code: 33493111000001108 }, 'vaccine_product_code', /too long to be read exactly; write it as text in quotes/);
});

test('unknown fields are refused, one error each', () => {
  const errors = errorsOf({ colour: 'blue', Programme: 'hpv' });
  assert.deepEqual(
    errors.map((error) => error.field),
    ['colour', 'Programme'],
  );
  assert.match(errors[0]!.reason, /Unknown field "colour"/);
});

test('every problem in a row is reported, with the row line', () => {
  const result = check(
    { programme: 'xyz', nhs_number: '1234567890', date_of_birth: '2030-01-01', delivery_site: 'elbow', location_urn: '1' },
    42,
  );
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.deepEqual(
    result.errors.map((error) => [error.line, error.field]),
    [
      [42, 'programme'],
      [42, 'nhs_number'],
      [42, 'date_of_birth'],
      [42, 'delivery_site'],
      [42, 'location_urn'],
    ],
  );
});

// The vaccine's fields of an import row: product code, catalogue values, dose, batch, site and method.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorsOf, rejects, accepts } from './import-rows';

test('vaccine_product_code: a catalogue code matching the programme, or a valid SNOMED code with its details', () => {
  rejects({ vaccine_product_code: 'GARDASIL9' }, 'vaccine_product_code', /is not a valid SNOMED CT code/);
  rejects({ vaccine_product_code: '43208811000001107' }, 'vaccine_product_code', /is not a valid SNOMED CT code/);
  rejects(
    { vaccine_product_code: '34680411000001107' },
    'vaccine_product_code',
    /34680411000001107 \(Quadrivalent Influenza vaccine - QIVe\) is a flu vaccine but the record's programme is hpv/,
  );
  const errors = errorsOf({ vaccine_product_code: '43208811000001106' });
  assert.deepEqual(
    errors.map((error) => error.field),
    ['vaccine_product_term', 'vaccine_manufacturer', 'dose_volume_ml'],
  );
  for (const error of errors) assert.match(error.reason, /^Missing; this field is required/);
  const record = accepts({
    vaccine_product_code: '43208811000001106',
    vaccine_product_term: 'Example vaccine (product)',
    vaccine_manufacturer: 'Example Ltd',
    dose_volume_ml: '0.3',
  });
  assert.equal(record.vaccine_product_term, 'Example vaccine (product)');
  assert.equal(record.vaccine_manufacturer, 'Example Ltd');
  assert.equal(record.dose_volume_ml, 0.3);
});

test('catalogue values given for a catalogue code must agree with it', () => {
  accepts({
    vaccine_product_term:
      'Gardasil 9 vaccine suspension for injection 0.5ml pre-filled\n  syringes (Merck Sharp & Dohme (UK) Ltd) (product)'.replace(
        '\n',
        ' ',
      ),
    vaccine_manufacturer: 'Merck Sharp & Dohme',
    dose_volume_ml: '0.50',
  });
  rejects(
    { vaccine_product_term: 'Cervarix vaccine' },
    'vaccine_product_term',
    /Differs from the catalogue term for 33493111000001108 \(Gardasil 9\)/,
  );
  rejects(
    { vaccine_manufacturer: 'Pfizer' },
    'vaccine_manufacturer',
    /Differs from the catalogue manufacturer for 33493111000001108 \(Gardasil 9\), "Merck Sharp & Dohme"/,
  );
  rejects(
    { dose_volume_ml: '0.25' },
    'dose_volume_ml',
    /0.25 ml differs from the catalogue dose of 0.5 ml .* for a half dose set full_dose to false/,
  );
});

test('dose_volume_ml: a positive decimal', () => {
  for (const bad of ['0', '-0.5', 'half', '1e-1', '0.5ml']) {
    rejects(
      { vaccine_product_code: '43208811000001106', vaccine_product_term: 'X', vaccine_manufacturer: 'Y', dose_volume_ml: bad },
      'dose_volume_ml',
      /is not a dose volume; expected a positive number of millilitres/,
    );
  }
});

test('full_dose: true or false, empty meaning true', () => {
  assert.equal(accepts({ full_dose: 'false' }).full_dose, false);
  assert.equal(accepts({ full_dose: 'FALSE' }).full_dose, false);
  assert.equal(accepts({ full_dose: false }).full_dose, false);
  assert.equal(accepts({ full_dose: 'true' }).full_dose, true);
  assert.equal(accepts({ full_dose: '' }).full_dose, true);
  rejects({ full_dose: 'yes' }, 'full_dose', /"yes" is not true or false; expected true or false \(empty means true\)/);
  rejects({ full_dose: '0' }, 'full_dose', /not true or false/);
});

test('batch_expiry: a real date when given', () => {
  rejects({ batch_expiry: '2024-09-31' }, 'batch_expiry', /"2024-09-31" is not a real date/);
  accepts({ batch_expiry: '2030-01-31' });
});

test('delivery_site and delivery_method: known values that fit each other and the vaccine', () => {
  rejects({ delivery_site: 'left_arm' }, 'delivery_site', /"left_arm" is not a delivery site; expected one of left_arm_upper_position,/);
  rejects(
    { delivery_method: 'oral' },
    'delivery_method',
    /"oral" is not a delivery method; expected one of intramuscular, subcutaneous, nasal_spray/,
  );
  rejects(
    { delivery_site: 'nose' },
    'delivery_site',
    /nose does not match the delivery method intramuscular; expected an arm, thigh or buttock site/,
  );
  accepts({ delivery_method: 'subcutaneous', delivery_site: 'right_thigh' });
  const fluenz = { programme: 'flu', vaccine_product_code: '27114211000001105' };
  accepts({ ...fluenz, delivery_site: 'nose', delivery_method: 'nasal_spray' });
  rejects(
    { ...fluenz, delivery_site: 'left_arm_upper_position', delivery_method: 'intramuscular' },
    'delivery_method',
    /intramuscular does not suit Fluenz Tetra - LAIV, which is given as a nasal spray; expected nasal_spray/,
  );
  const errors = errorsOf({ delivery_site: 'nose', delivery_method: 'nasal_spray' });
  assert.deepEqual(
    errors.map((error) => error.field),
    ['delivery_method'],
  );
  assert.match(
    errors[0]!.reason,
    /nasal_spray does not suit Gardasil 9, which is given by injection; expected intramuscular or subcutaneous/,
  );
  rejects(
    { ...fluenz, delivery_site: 'left_arm_upper_position', delivery_method: 'nasal_spray' },
    'delivery_site',
    /does not match the delivery method nasal_spray; expected nose/,
  );
});

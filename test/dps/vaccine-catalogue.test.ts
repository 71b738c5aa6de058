import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { DEFAULT_CATALOGUE_PATH, parseVaccineCatalogue, vaccineCatalogue } from '../../main/dps/vaccine-catalogue';
import { isValidSnomedId } from '../../main/dps/snomed';

test('the shipped catalogue keeps its source and licence header', async () => {
  const text = await readFile(DEFAULT_CATALOGUE_PATH, 'utf8');
  assert.match(text, /^# Vaccine catalogue/);
  assert.match(
    text,
    /Source: nhsuk\/manage-vaccinations-in-schools config\/vaccines\.yml \(MIT License, Copyright \(c\) 2023 NHS England\)/,
  );
});

test('the catalogue is keyed by the exact SNOMED product code (longer than a JS number holds)', () => {
  const catalogue = vaccineCatalogue();
  assert.equal(catalogue.size, 15);
  const gardasil9 = catalogue.get('33493111000001108');
  assert.deepEqual(gardasil9, {
    key: 'gardasil_9',
    brand: 'Gardasil 9',
    programme: 'hpv',
    method: 'injection',
    manufacturer: 'Merck Sharp & Dohme',
    doseVolumeMl: 0.5,
    productCode: '33493111000001108',
    productTerm: 'Gardasil 9 vaccine suspension for injection 0.5ml pre-filled syringes (Merck Sharp & Dohme (UK) Ltd) (product)',
    discontinued: false,
  });
  const fluenz = catalogue.get('27114211000001105');
  assert.equal(fluenz?.method, 'nasal');
  assert.equal(fluenz?.doseVolumeMl, 0.2);
  assert.equal(catalogue.get('7374511000001107')?.programme, 'td_ipv');
  assert.equal(catalogue.get('12238911000001100')?.discontinued, true);
  for (const [code, vaccine] of catalogue) {
    assert.equal(code, vaccine.productCode);
    assert.ok(isValidSnomedId(code), `${code} passes the Verhoeff check`);
    assert.doesNotMatch(vaccine.productTerm, /\s{2}|\n/);
  }
  const programmes = new Set([...catalogue.values()].map((vaccine) => vaccine.programme));
  assert.deepEqual([...programmes].sort(), ['flu', 'hpv', 'menacwy', 'td_ipv']);
});

test('a broken catalogue is refused with a sentence naming the entry', () => {
  assert.throws(() => parseVaccineCatalogue('- a list'), /is not a mapping of vaccines/);
  const entry = (fields: string) =>
    `x:\n  brand: X\n  type: hpv\n  method: injection\n  manufacturer: M\n  dose_volume_ml: 0.5\n  snomed_product_term: T\n${fields}`;
  assert.throws(() => parseVaccineCatalogue(entry('')), /entry x has no snomed_product_code/);
  assert.throws(() => parseVaccineCatalogue(entry('  snomed_product_code: 12\n')), /malformed snomed_product_code 12/);
  assert.throws(
    () => parseVaccineCatalogue(entry('  snomed_product_code: 33493111000001108\n').replace('type: hpv', 'type: mmr')),
    /unknown type mmr/,
  );
  const code = '  snomed_product_code: 33493111000001108\n';
  const twice = `${entry(code)}${entry(code).replace('x:', 'y:')}`;
  assert.throws(() => parseVaccineCatalogue(twice), /lists product code 33493111000001108 twice \(x and y\)/);
});

test('SNOMED identifiers: Verhoeff check digit, 6 to 18 digits, no leading zero', () => {
  for (const code of ['822851000000102', '761841000', '871874000', '866186002', '258773002', '46713006'])
    assert.ok(isValidSnomedId(code), code);
  for (const code of ['822851000000103', '761841001', '0761841000', '12345', '1234567890123456789', '76184100a'])
    assert.equal(isValidSnomedId(code), false, code);
});

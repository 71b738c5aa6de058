// Issue 11, "Send and import" (import): a file that is not an import CSV gets one sentence naming
// what was expected, with the expected columns shown; an outcome outside the documented words is
// refused on its row. Driven in Chromium against the real service and its real records file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConsoleGui, type ConsoleGui } from './support/console-gui';

let console_: ConsoleGui;

before(async () => {
  console_ = await startConsoleGui('mesh-console-import-format-');
});

after(async () => {
  await console_?.close();
});

async function importFile(name: string, text: string) {
  const path = join(console_.dir, name);
  writeFileSync(path, text);
  console_.dialogs.willOpen(path);
  await console_.open('DPS exports');
  await console_.page.getByRole('button', { name: 'Import records from a file' }).click();
  await console_.page.getByText(`${name} was refused`).waitFor();
}

test('a pipe-delimited DPS file is refused with one sentence naming commas, and the expected columns are shown', async () => {
  const { page, service, gui } = console_;
  const before = await service.records();
  await importFile(
    'DPS_FLU_20261201.csv',
    '"NHS_NUMBER"|"PERSON_FORENAME"|"PERSON_SURNAME"|"PERSON_DOB"\n"9992686766"|"Brenton"|"Waters"|"20120818"\n',
  );
  await page.getByText(/separated by vertical bars \(\|\), as the DPS file the console sends is, but an import file is a CSV/).waitFor();
  await page.getByText(/Nothing was imported; the expected columns are listed below\./).waitFor();
  const expected = page.getByRole('region', { name: 'Expected columns' });
  await expected.getByText(/programme, record_id, nhs_number, given_name/).waitFor();
  await expected.getByText(/postcode, performer_given_name/).waitFor();
  assert.equal(await page.getByRole('table', { name: 'Rows refused' }).count(), 0, 'one sentence, not a table of one garbled column');
  await gui.screenshot('import-wrong-format', { fullPage: true });
  assert.deepEqual(await service.records(), before, 'nothing was imported');
});

test('a CSV with the wrong header lists its problems and shows the expected columns', async () => {
  const { page } = console_;
  await importFile('clinic-export.csv', 'NHS Number,Forename,Surname,Outcome\n9992686766,Brenton,Waters,administered\n');
  await page.getByText(/The header row does not name an import file's columns \(\d+ problems listed below\)/).waitFor();
  const rows = page.getByRole('table', { name: 'Rows refused' });
  await rows.locator('tbody tr').filter({ hasText: 'Unknown column "NHS Number"' }).waitFor();
  await rows.locator('tbody tr').filter({ hasText: 'The required column record_id is missing' }).waitFor();
  await page
    .getByRole('region', { name: 'Expected columns' })
    .getByText(/delivery_method/)
    .waitFor();
});

test('an outcome outside the documented words is refused on its row, naming the words', async () => {
  const { page } = console_;
  const header =
    'programme,record_id,nhs_number,given_name,family_name,date_of_birth,gender_code,recorded_at,performed_at,outcome,' +
    'organisation_ods_code,vaccine_product_code,batch_number,delivery_site,delivery_method';
  const row =
    'hpv,496e37d8-d1ab-4e12-a3a3-9c2e136a0504,9992686766,Brenton,Waters,2012-08-18,0,2024-07-23T18:31:47Z,2024-06-12,vaccinated,' +
    'U1,33493111000001108,CD5472,left_arm_upper_position,intramuscular';
  await importFile('outcome-word.csv', `${header}\n${row}\n`);
  const problem = page.getByRole('table', { name: 'Rows refused' }).locator('tbody tr').filter({ hasText: 'outcome' });
  await problem.getByText(/"vaccinated" is not an outcome word; expected one of administered, refused, not_well/).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Expected columns' }).count(), 0, 'the header was right');
});

// The vaccine fields of an import row: the product code against the catalogue (docs/dps-file.md,
// "Import files"; main/dps/README.md, "Catalogue values" and "Fit"), and how it was given.
import { DECIMAL, EXPECT } from './field-expectations';
import type { Programme } from './programmes';
import { DELIVERY_METHODS, DELIVERY_SITES, type DeliveryMethod, type DeliverySite, type RecordField } from './record';
import { clip, type RowCheck } from './row-check';
import { isValidSnomedId } from './snomed';
import type { CatalogueVaccine, VaccineCatalogue } from './vaccine-catalogue';

type RawFields = Readonly<Partial<Record<RecordField, unknown>>>;

const DELIVERY_SITE_SET: ReadonlySet<string> = new Set(DELIVERY_SITES);
const DELIVERY_METHOD_SET: ReadonlySet<string> = new Set(DELIVERY_METHODS);

export interface VaccineFields {
  productCode: string | undefined;
  /** The catalogue's entry, when the code is in it. */
  vaccine: CatalogueVaccine | undefined;
  term: string | undefined;
  manufacturer: string | undefined;
  volume: number | undefined;
  fullDose: boolean;
}

export function checkVaccine(
  check: RowCheck,
  raw: RawFields,
  programme: Programme | undefined,
  catalogue: VaccineCatalogue,
): VaccineFields {
  const productCode = check.text('vaccine_product_code', raw.vaccine_product_code, true, EXPECT.snomed);
  let vaccine: CatalogueVaccine | undefined;
  let productCodeValid = false;
  if (productCode !== undefined) {
    vaccine = catalogue.get(productCode);
    productCodeValid = vaccine !== undefined || isValidSnomedId(productCode);
    if (!productCodeValid) check.fail('vaccine_product_code', `"${clip(productCode)}" is not a valid SNOMED CT code; ${EXPECT.snomed}.`);
  }
  // For an unknown code these three are required; for a catalogue code they may be left out,
  // and when given they must agree with the catalogue (a mismatch suggests the wrong code).
  const givenTerm = check.name('vaccine_product_term', raw.vaccine_product_term, productCodeValid && !vaccine);
  const givenManufacturer = check.name('vaccine_manufacturer', raw.vaccine_manufacturer, productCodeValid && !vaccine);
  const volumeText = check.text('dose_volume_ml', raw.dose_volume_ml, productCodeValid && !vaccine, EXPECT.volume);
  let givenVolume: number | undefined;
  if (volumeText !== undefined) {
    const volume = Number(volumeText);
    if (DECIMAL.test(volumeText) && volume > 0) givenVolume = volume;
    else check.fail('dose_volume_ml', `"${clip(volumeText)}" is not a dose volume; ${EXPECT.volume}.`);
  }
  if (vaccine) {
    const vaccineName = `${productCode} (${vaccine.brand})`;
    if (programme !== undefined && vaccine.programme !== programme) {
      check.fail(
        'vaccine_product_code',
        `${vaccineName} is a ${vaccine.programme} vaccine but the record's programme is ${programme}; check the ` +
          `product code or the programme.`,
      );
    }
    if (givenTerm !== undefined && !sameText(givenTerm, vaccine.productTerm)) {
      check.fail(
        'vaccine_product_term',
        `Differs from the catalogue term for ${vaccineName}, "${vaccine.productTerm}"; leave it empty or check the product code.`,
      );
    }
    if (givenManufacturer !== undefined && !sameText(givenManufacturer, vaccine.manufacturer)) {
      check.fail(
        'vaccine_manufacturer',
        `Differs from the catalogue manufacturer for ${vaccineName}, "${vaccine.manufacturer}"; leave it empty or check the product code.`,
      );
    }
    if (givenVolume !== undefined && givenVolume !== vaccine.doseVolumeMl) {
      check.fail(
        'dose_volume_ml',
        `${givenVolume} ml differs from the catalogue dose of ${vaccine.doseVolumeMl} ml for ${vaccineName}; leave it ` +
          `empty, and for a half dose set full_dose to false.`,
      );
    }
  }

  const fullDoseText = check.text('full_dose', raw.full_dose, false, EXPECT.fullDose);
  let fullDose = true;
  if (fullDoseText !== undefined) {
    const lower = fullDoseText.toLowerCase();
    if (lower === 'true' || lower === 'false') fullDose = lower === 'true';
    else check.fail('full_dose', `"${clip(fullDoseText)}" is not true or false; ${EXPECT.fullDose}.`);
  }
  return {
    productCode,
    vaccine,
    term: vaccine ? vaccine.productTerm : givenTerm,
    manufacturer: vaccine ? vaccine.manufacturer : givenManufacturer,
    volume: vaccine ? vaccine.doseVolumeMl : givenVolume,
    fullDose,
  };
}

/** Where and how the vaccine was given, and whether that suits the vaccine. */
export function checkDelivery(
  check: RowCheck,
  raw: RawFields,
  vaccine: CatalogueVaccine | undefined,
): { site: DeliverySite | undefined; method: DeliveryMethod | undefined } {
  const siteText = check.text('delivery_site', raw.delivery_site, true, EXPECT.site);
  let site: DeliverySite | undefined;
  if (siteText !== undefined) {
    if (DELIVERY_SITE_SET.has(siteText)) site = siteText as DeliverySite;
    else check.fail('delivery_site', `"${clip(siteText)}" is not a delivery site; ${EXPECT.site}.`);
  }

  const methodText = check.text('delivery_method', raw.delivery_method, true, EXPECT.method);
  let method: DeliveryMethod | undefined;
  if (methodText !== undefined) {
    if (DELIVERY_METHOD_SET.has(methodText)) method = methodText as DeliveryMethod;
    else check.fail('delivery_method', `"${clip(methodText)}" is not a delivery method; ${EXPECT.method}.`);
  }
  if (method !== undefined && vaccine) {
    const nasalVaccine = vaccine.method === 'nasal';
    if (nasalVaccine !== (method === 'nasal_spray')) {
      const expected = nasalVaccine ? 'nasal_spray' : 'intramuscular or subcutaneous';
      const given = nasalVaccine ? 'given as a nasal spray' : 'given by injection';
      check.fail('delivery_method', `${method} does not suit ${vaccine.brand}, which is ${given}; expected ${expected}.`);
    }
  }
  if (method !== undefined && site !== undefined && (site === 'nose') !== (method === 'nasal_spray')) {
    const expected = method === 'nasal_spray' ? 'nose' : 'an arm, thigh or buttock site';
    check.fail('delivery_site', `${site} does not match the delivery method ${method}; expected ${expected}.`);
  }
  return { site, method };
}

/** Equal apart from how white space is spread (a term may be wrapped over lines in a source). */
function sameText(given: string, expected: string): boolean {
  return given === expected || given.replace(/\s+/g, ' ') === expected.replace(/\s+/g, ' ');
}

// Checks one import row against docs/dps-file.md ("Import files") and turns it into a
// VaccinationRecord. Every problem in the row is reported, each as a RowError whose reason says
// what is wrong and what is expected. Patient identifiers (NHS number, names, postcode) are never
// echoed back in a reason: error reports may be written beside the file or shown on screen.
import type { RowError } from '../domain';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number';
import { hasTime, parseIsoDate, parseIsoDateTime } from './iso-dates';
import { londonDate } from './london-time';
import { isProgramme, PROGRAMMES, type Programme } from './programmes';
import {
  DELIVERY_METHODS,
  DELIVERY_SITES,
  GENDER_CODES,
  RECORD_FIELDS,
  type DeliveryMethod,
  type DeliverySite,
  type GenderCode,
  type RecordField,
  type VaccinationRecord,
} from './record';
import { isValidSnomedId } from './snomed';
import { vaccineCatalogue, type CatalogueVaccine, type VaccineCatalogue } from './vaccine-catalogue';

export type { RowError };

/** A row as read: strings from CSV, JSON values from JSON Lines. Empty or null means not given. */
export type RawRow = Readonly<Record<string, unknown>>;

export type RowResult = { ok: true; record: VaccinationRecord } | { ok: false; errors: RowError[] };

export interface ValidationOptions {
  /** Defaults to the catalogue shipped beside this file. */
  catalogue?: VaccineCatalogue;
  /** What "the future" is measured from; defaults to the current time. */
  now?: Date | number;
}

export interface ValidationContext {
  catalogue: VaccineCatalogue;
  /** Epoch milliseconds. */
  now: number;
  /** Today in Europe/London, `YYYY-MM-DD`. */
  today: string;
}

/** Date-times this far ahead of the clock are accepted, for senders whose clocks run a little fast. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

const KNOWN_FIELDS: ReadonlySet<string> = new Set(RECORD_FIELDS);
const GENDER_CODE_SET: ReadonlySet<string> = new Set(GENDER_CODES);
const DELIVERY_SITE_SET: ReadonlySet<string> = new Set(DELIVERY_SITES);
const DELIVERY_METHOD_SET: ReadonlySet<string> = new Set(DELIVERY_METHODS);
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ODS_CODE = /^[A-Za-z0-9]{2,10}$/;
const URN = /^\d{6}$/;
const OUTCOME = /^[a-z][a-z_]*$/;
const POSITIVE_INTEGER = /^[1-9]\d{0,2}$/;
const DECIMAL = /^\d{1,3}(\.\d{1,4})?$/;
// Control characters (tab included) have no place in a name or a batch number.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

const EXPECT = {
  programme: `expected one of ${PROGRAMMES.join(', ')}`,
  uuid: 'expected a UUID such as 496e37d8-d1ab-4e12-a3a3-9c2e136a0504',
  date: 'expected a real date written YYYY-MM-DD, such as 2012-08-18',
  dateTime: 'expected an ISO 8601 date-time with Z or an offset, such as 2024-07-23T18:31:47Z',
  dateOrDateTime: 'expected a date written YYYY-MM-DD or an ISO 8601 date-time with Z or an offset',
  gender: 'expected 0 (not known), 1 (male), 2 (female) or 9 (not specified)',
  outcome: 'expected administered or another outcome word in lower case, such as refused',
  ods: 'expected an ODS code of 2 to 10 letters and digits, such as RYG or U1',
  urn: 'expected a school URN of 6 digits, such as 123456',
  doseSequence: 'expected a whole number from 1 upwards, or nothing',
  snomed: 'expected a SNOMED CT product code (digits with a valid check digit)',
  volume: 'expected a positive number of millilitres, such as 0.5',
  fullDose: 'expected true or false (empty means true)',
  site: `expected one of ${DELIVERY_SITES.join(', ')}`,
  method: `expected one of ${DELIVERY_METHODS.join(', ')}`,
};

export function validationContext(options: ValidationOptions = {}): ValidationContext {
  const now = options.now === undefined ? Date.now() : Number(options.now);
  if (!Number.isFinite(now)) throw new Error('Validation needs a valid current time.');
  return { catalogue: options.catalogue ?? vaccineCatalogue(), now, today: londonDate(now) };
}

/** Checks one row (or re-checks a record); `line` is where the operator finds it in the file. */
export function validateRecord(
  row: RawRow | VaccinationRecord,
  line: number,
  context: ValidationContext,
  options: { /** False when the reader has already checked the names (a CSV header). */ checkFieldNames?: boolean } = {},
): RowResult {
  const check = new RowCheck(line);
  // Fields are read by name here, not by a computed key: rows from one CSV share a shape, so
  // these reads stay fast.
  const raw = row as Readonly<Partial<Record<RecordField, unknown>>>;

  if (options.checkFieldNames !== false) {
    for (const key in row) {
      if (!KNOWN_FIELDS.has(key))
        check.fail(key, `Unknown field "${clip(key)}"; expected only the fields of the vaccination record format.`);
    }
  }

  const programmeText = check.text('programme', raw.programme, true, EXPECT.programme);
  let programme: Programme | undefined;
  if (programmeText !== undefined) {
    if (isProgramme(programmeText)) programme = programmeText;
    else check.fail('programme', `"${clip(programmeText)}" is not a programme; ${EXPECT.programme}.`);
  }

  const recordIdText = check.text('record_id', raw.record_id, true, EXPECT.uuid);
  let recordId: string | undefined;
  if (recordIdText !== undefined) {
    if (UUID.test(recordIdText)) recordId = recordIdText.toLowerCase();
    else check.fail('record_id', `"${clip(recordIdText)}" is not a UUID; ${EXPECT.uuid}.`);
  }

  const nhsText = check.text('nhs_number', raw.nhs_number, true, 'expected 10 digits');
  let nhsNumber: string | undefined;
  if (nhsText !== undefined) {
    const digits = normaliseNhsNumber(nhsText);
    if (!/^\d{10}$/.test(digits)) {
      check.fail('nhs_number', 'Not an NHS number; expected 10 digits (spaces between them are allowed).');
    } else if (!isValidNhsNumber(digits)) {
      check.fail(
        'nhs_number',
        'Not a valid NHS number: its last digit is not the Modulus 11 check digit of the first nine; check it was copied correctly.',
      );
    } else {
      nhsNumber = digits;
    }
  }

  const givenName = check.name('given_name', raw.given_name, true);
  const familyName = check.name('family_name', raw.family_name, true);

  const dobText = check.text('date_of_birth', raw.date_of_birth, true, EXPECT.date);
  let dateOfBirth: string | undefined;
  if (dobText !== undefined) {
    if (parseIsoDate(dobText) === undefined) check.fail('date_of_birth', `"${clip(dobText)}" is not a real date; ${EXPECT.date}.`);
    else if (dobText > context.today) check.fail('date_of_birth', `${dobText} is in the future; expected the date the person was born.`);
    else dateOfBirth = dobText;
  }

  const genderText = check.text('gender_code', raw.gender_code, true, EXPECT.gender);
  let genderCode: GenderCode | undefined;
  if (genderText !== undefined) {
    if (GENDER_CODE_SET.has(genderText)) genderCode = genderText as GenderCode;
    else check.fail('gender_code', `"${clip(genderText)}" is not a gender code; ${EXPECT.gender}.`);
  }

  const postcode = check.name('postcode', raw.postcode, false);

  const recordedText = check.text('recorded_at', raw.recorded_at, true, EXPECT.dateTime);
  let recordedAt: string | undefined;
  if (recordedText !== undefined) {
    const instant = parseIsoDateTime(recordedText);
    if (instant === undefined) {
      const reason = parseIsoDate(recordedText) !== undefined ? 'is a date without a time' : 'is not a date-time';
      check.fail('recorded_at', `"${clip(recordedText)}" ${reason}; ${EXPECT.dateTime}.`);
    } else if (instant > context.now + FUTURE_TOLERANCE_MS) {
      check.fail('recorded_at', `${recordedText} is in the future; expected when the record was made.`);
    } else {
      recordedAt = new Date(instant).toISOString();
    }
  }

  const performedText = check.text('performed_at', raw.performed_at, true, EXPECT.dateOrDateTime);
  let performedAt: string | undefined;
  let performedDate: string | undefined;
  if (performedText !== undefined) {
    if (hasTime(performedText)) {
      const instant = parseIsoDateTime(performedText);
      if (instant === undefined) check.fail('performed_at', `"${clip(performedText)}" is not a valid date-time; ${EXPECT.dateOrDateTime}.`);
      else if (instant > context.now + FUTURE_TOLERANCE_MS)
        check.fail('performed_at', `${performedText} is in the future; expected when the vaccine was given.`);
      else {
        performedAt = new Date(instant).toISOString();
        performedDate = londonDate(instant);
      }
    } else if (parseIsoDate(performedText) === undefined) {
      check.fail('performed_at', `"${clip(performedText)}" is not a real date; ${EXPECT.dateOrDateTime}.`);
    } else if (performedText > context.today) {
      check.fail('performed_at', `${performedText} is in the future; expected when the vaccine was given.`);
    } else {
      performedAt = performedDate = performedText;
    }
  }
  if (performedDate !== undefined && dateOfBirth !== undefined && performedDate < dateOfBirth) {
    check.fail('performed_at', `The vaccination (${performedDate}) is before the date of birth (${dateOfBirth}); check both dates.`);
  }

  const outcome = check.text('outcome', raw.outcome, true, EXPECT.outcome);
  if (outcome !== undefined && !OUTCOME.test(outcome))
    check.fail('outcome', `"${clip(outcome)}" is not an outcome word; ${EXPECT.outcome}.`);

  const organisation = check.odsCode('organisation_ods_code', raw.organisation_ods_code, true);
  const performerGivenName = check.name('performer_given_name', raw.performer_given_name, false);
  const performerFamilyName = check.name('performer_family_name', raw.performer_family_name, false);

  const sequenceText = check.text('dose_sequence', raw.dose_sequence, false, EXPECT.doseSequence);
  let doseSequence: number | undefined;
  if (sequenceText !== undefined) {
    if (POSITIVE_INTEGER.test(sequenceText)) doseSequence = Number(sequenceText);
    else check.fail('dose_sequence', `"${clip(sequenceText)}" is not a dose number; ${EXPECT.doseSequence}.`);
  }

  const productCode = check.text('vaccine_product_code', raw.vaccine_product_code, true, EXPECT.snomed);
  let vaccine: CatalogueVaccine | undefined;
  let productCodeValid = false;
  if (productCode !== undefined) {
    vaccine = context.catalogue.get(productCode);
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

  const batchNumber = check.name('batch_number', raw.batch_number, true);

  const expiryText = check.text('batch_expiry', raw.batch_expiry, false, EXPECT.date);
  let batchExpiry: string | undefined;
  if (expiryText !== undefined) {
    if (parseIsoDate(expiryText) === undefined) check.fail('batch_expiry', `"${clip(expiryText)}" is not a real date; ${EXPECT.date}.`);
    else batchExpiry = expiryText;
  }

  const siteText = check.text('delivery_site', raw.delivery_site, true, EXPECT.site);
  let deliverySite: DeliverySite | undefined;
  if (siteText !== undefined) {
    if (DELIVERY_SITE_SET.has(siteText)) deliverySite = siteText as DeliverySite;
    else check.fail('delivery_site', `"${clip(siteText)}" is not a delivery site; ${EXPECT.site}.`);
  }

  const methodText = check.text('delivery_method', raw.delivery_method, true, EXPECT.method);
  let deliveryMethod: DeliveryMethod | undefined;
  if (methodText !== undefined) {
    if (DELIVERY_METHOD_SET.has(methodText)) deliveryMethod = methodText as DeliveryMethod;
    else check.fail('delivery_method', `"${clip(methodText)}" is not a delivery method; ${EXPECT.method}.`);
  }
  if (deliveryMethod !== undefined && vaccine) {
    const nasalVaccine = vaccine.method === 'nasal';
    if (nasalVaccine !== (deliveryMethod === 'nasal_spray')) {
      const expected = nasalVaccine ? 'nasal_spray' : 'intramuscular or subcutaneous';
      const given = nasalVaccine ? 'given as a nasal spray' : 'given by injection';
      check.fail('delivery_method', `${deliveryMethod} does not suit ${vaccine.brand}, which is ${given}; expected ${expected}.`);
    }
  }
  if (deliveryMethod !== undefined && deliverySite !== undefined && (deliverySite === 'nose') !== (deliveryMethod === 'nasal_spray')) {
    const expected = deliveryMethod === 'nasal_spray' ? 'nose' : 'an arm, thigh or buttock site';
    check.fail('delivery_site', `${deliverySite} does not match the delivery method ${deliveryMethod}; expected ${expected}.`);
  }

  const urnText = check.text('location_urn', raw.location_urn, false, EXPECT.urn);
  let locationUrn: string | undefined;
  if (urnText !== undefined) {
    if (URN.test(urnText)) locationUrn = urnText;
    else check.fail('location_urn', `"${clip(urnText)}" is not a school URN; ${EXPECT.urn}.`);
  }
  const locationOds = check.odsCode('location_ods_code', raw.location_ods_code, false);

  if (check.errors) return { ok: false, errors: check.errors };

  // Every required value is present here: a missing or bad one would have been reported above.
  const record: VaccinationRecord = {
    programme: programme!,
    record_id: recordId!,
    nhs_number: nhsNumber!,
    given_name: givenName!,
    family_name: familyName!,
    date_of_birth: dateOfBirth!,
    gender_code: genderCode!,
    recorded_at: recordedAt!,
    performed_at: performedAt!,
    outcome: outcome!,
    organisation_ods_code: organisation!,
    vaccine_product_code: productCode!,
    vaccine_product_term: vaccine ? vaccine.productTerm : givenTerm!,
    vaccine_manufacturer: vaccine ? vaccine.manufacturer : givenManufacturer!,
    dose_volume_ml: vaccine ? vaccine.doseVolumeMl : givenVolume!,
    full_dose: fullDose,
    batch_number: batchNumber!,
    delivery_site: deliverySite!,
    delivery_method: deliveryMethod!,
  };
  if (postcode !== undefined) record.postcode = postcode;
  if (performerGivenName !== undefined) record.performer_given_name = performerGivenName;
  if (performerFamilyName !== undefined) record.performer_family_name = performerFamilyName;
  if (doseSequence !== undefined) record.dose_sequence = doseSequence;
  if (batchExpiry !== undefined) record.batch_expiry = batchExpiry;
  if (locationUrn !== undefined) record.location_urn = locationUrn;
  if (locationOds !== undefined) record.location_ods_code = locationOds;
  return { ok: true, record };
}

class RowCheck {
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

/** Equal apart from how white space is spread (a term may be wrapped over lines in a source). */
function sameText(given: string, expected: string): boolean {
  return given === expected || given.replace(/\s+/g, ' ') === expected.replace(/\s+/g, ' ');
}

/** Echoes a value back in an error without letting a huge one flood the report. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

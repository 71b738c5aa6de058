// Checks one import row against docs/dps-file.md ("Import files") and turns it into a
// VaccinationRecord. Every problem in the row is reported, each as a RowError whose reason says
// what is wrong and what is expected. Patient identifiers (NHS number, names, postcode) are never
// echoed back in a reason: error reports may be written beside the file or shown on screen.
// The vaccine's fields are checked in check-vaccine.ts; how one field is read, in row-check.ts.
import type { RowError } from '../domain';
import { checkDelivery, checkVaccine } from './check-vaccine';
import { EXPECT, POSITIVE_INTEGER, URN, UUID } from './field-expectations';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number';
import { hasTime, parseIsoDate, parseIsoDateTime } from './iso-dates';
import { londonDate } from './london-time';
import { isOutcome } from './outcomes';
import { isProgramme, type Programme } from './programmes';
import { GENDER_CODES, RECORD_FIELDS, type GenderCode, type RecordField, type VaccinationRecord } from './record';
import { clip, RowCheck } from './row-check';
import { vaccineCatalogue, type VaccineCatalogue } from './vaccine-catalogue';

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
  if (outcome !== undefined && !isOutcome(outcome)) check.fail('outcome', `"${clip(outcome)}" is not an outcome word; ${EXPECT.outcome}.`);

  const organisation = check.odsCode('organisation_ods_code', raw.organisation_ods_code, true);
  const performerGivenName = check.name('performer_given_name', raw.performer_given_name, false);
  const performerFamilyName = check.name('performer_family_name', raw.performer_family_name, false);

  const sequenceText = check.text('dose_sequence', raw.dose_sequence, false, EXPECT.doseSequence);
  let doseSequence: number | undefined;
  if (sequenceText !== undefined) {
    if (POSITIVE_INTEGER.test(sequenceText)) doseSequence = Number(sequenceText);
    else check.fail('dose_sequence', `"${clip(sequenceText)}" is not a dose number; ${EXPECT.doseSequence}.`);
  }

  const vaccine = checkVaccine(check, raw, programme, context.catalogue);

  const batchNumber = check.name('batch_number', raw.batch_number, true);

  const expiryText = check.text('batch_expiry', raw.batch_expiry, false, EXPECT.date);
  let batchExpiry: string | undefined;
  if (expiryText !== undefined) {
    if (parseIsoDate(expiryText) === undefined) check.fail('batch_expiry', `"${clip(expiryText)}" is not a real date; ${EXPECT.date}.`);
    else batchExpiry = expiryText;
  }

  const delivery = checkDelivery(check, raw, vaccine.vaccine);

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
    vaccine_product_code: vaccine.productCode!,
    vaccine_product_term: vaccine.term!,
    vaccine_manufacturer: vaccine.manufacturer!,
    dose_volume_ml: vaccine.volume!,
    full_dose: vaccine.fullDose,
    batch_number: batchNumber!,
    delivery_site: delivery.site!,
    delivery_method: delivery.method!,
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

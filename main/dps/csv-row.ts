// One vaccination record as the 34 values of a DPS CSV row (docs/dps-file.md, "Columns").
import {
  DEFAULT_UNIQUE_ID_URI,
  DOSE_UNIT,
  ODS_ORGANIZATION_URI,
  ROUTE_OF_VACCINATION,
  SCHOOL_URN_URI,
  SITE_OF_VACCINATION,
} from './dps-codes';
import { londonCompactDateTime, londonDate } from './london-time';
import { PROGRAMME_INFO } from './programmes';
import type { VaccinationRecord } from './record';

export const DPS_COLUMNS = [
  'NHS_NUMBER',
  'PERSON_FORENAME',
  'PERSON_SURNAME',
  'PERSON_DOB',
  'PERSON_GENDER_CODE',
  'PERSON_POSTCODE',
  'DATE_AND_TIME',
  'SITE_CODE',
  'SITE_CODE_TYPE_URI',
  'UNIQUE_ID',
  'UNIQUE_ID_URI',
  'ACTION_FLAG',
  'PERFORMING_PROFESSIONAL_FORENAME',
  'PERFORMING_PROFESSIONAL_SURNAME',
  'RECORDED_DATE',
  'PRIMARY_SOURCE',
  'VACCINATION_PROCEDURE_CODE',
  'VACCINATION_PROCEDURE_TERM',
  'DOSE_SEQUENCE',
  'VACCINE_PRODUCT_CODE',
  'VACCINE_PRODUCT_TERM',
  'VACCINE_MANUFACTURER',
  'BATCH_NUMBER',
  'EXPIRY_DATE',
  'SITE_OF_VACCINATION_CODE',
  'SITE_OF_VACCINATION_TERM',
  'ROUTE_OF_VACCINATION_CODE',
  'ROUTE_OF_VACCINATION_TERM',
  'DOSE_AMOUNT',
  'DOSE_UNIT_CODE',
  'DOSE_UNIT_TERM',
  'INDICATION_CODE',
  'LOCATION_CODE',
  'LOCATION_CODE_TYPE_URI',
] as const;

export type DpsColumn = (typeof DPS_COLUMNS)[number];

export function dpsRow(record: VaccinationRecord, uniqueIdUri: string = DEFAULT_UNIQUE_ID_URI): string[] {
  const programme = PROGRAMME_INFO[record.programme];
  const site = SITE_OF_VACCINATION[record.delivery_site];
  const route = ROUTE_OF_VACCINATION[record.delivery_method];
  const [locationCode, locationUri] = location(record);
  return [
    record.nhs_number,
    record.given_name,
    record.family_name,
    compactDate(record.date_of_birth),
    record.gender_code,
    record.postcode ?? '',
    dateAndTime(record),
    record.organisation_ods_code,
    ODS_ORGANIZATION_URI,
    record.record_id,
    uniqueIdUri,
    'new',
    record.performer_given_name ?? '',
    record.performer_family_name ?? '',
    recordedDate(record),
    'TRUE',
    programme.procedureCode,
    programme.procedureTerm,
    record.dose_sequence === undefined ? '' : String(record.dose_sequence),
    record.vaccine_product_code,
    record.vaccine_product_term,
    record.vaccine_manufacturer,
    record.batch_number,
    record.batch_expiry === undefined ? '' : compactDate(record.batch_expiry),
    site.code,
    site.term,
    route.code,
    route.term,
    doseAmount(record),
    DOSE_UNIT.code,
    DOSE_UNIT.term,
    '',
    locationCode,
    locationUri,
  ];
}

/** The dose given in ml, in its shortest decimal form: half the dose volume for a half dose. */
export function doseAmount(record: Pick<VaccinationRecord, 'dose_volume_ml' | 'full_dose'>): string {
  // Halving is exact in binary floating point, and String() gives the shortest decimal
  // that reads back as the same number: 0.5 -> "0.25", 0.2 -> "0.1".
  return String(record.full_dose ? record.dose_volume_ml : record.dose_volume_ml / 2);
}

/**
 * DATE_AND_TIME: when the vaccine was given, as the Europe/London wall-clock time
 * `YYYYMMDDTHHMMSS` followed by a literal `00`; a date-only `performed_at` is midnight.
 */
function dateAndTime(record: VaccinationRecord): string {
  const performed = record.performed_at;
  if (performed.length === 10) return `${compactDate(performed)}T00000000`;
  return `${londonCompactDateTime(instant(performed, 'performed_at', record))}00`;
}

/** RECORDED_DATE: the Europe/London date the record was made, as YYYYMMDD. */
function recordedDate(record: VaccinationRecord): string {
  return compactDate(londonDate(instant(record.recorded_at, 'recorded_at', record)));
}

function location(record: VaccinationRecord): [string, string] {
  if (record.location_urn) return [record.location_urn, SCHOOL_URN_URI];
  if (record.location_ods_code) return [record.location_ods_code, ODS_ORGANIZATION_URI];
  return ['', ''];
}

function compactDate(isoDate: string): string {
  return isoDate.slice(0, 4) + isoDate.slice(5, 7) + isoDate.slice(8, 10);
}

function instant(text: string, field: string, record: VaccinationRecord): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms))
    throw new Error(`Record ${record.record_id} has an unreadable ${field} (${text}); it should have been checked on import.`);
  return ms;
}

// A vaccination record as the console holds it: the import file's fields (docs/dps-file.md,
// "Import files"), checked and normalised. Field names are the file's own, so a record written
// back out as CSV or JSON Lines is a valid import file again.
import type { Programme } from './programmes';

export const GENDER_CODES = ['0', '1', '2', '9'] as const;
export type GenderCode = (typeof GENDER_CODES)[number];

export const DELIVERY_SITES = [
  'left_arm_upper_position',
  'left_arm_lower_position',
  'right_arm_upper_position',
  'right_arm_lower_position',
  'left_thigh',
  'right_thigh',
  'left_buttock',
  'right_buttock',
  'nose',
] as const;
export type DeliverySite = (typeof DELIVERY_SITES)[number];

export const DELIVERY_METHODS = ['intramuscular', 'subcutaneous', 'nasal_spray'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** The one outcome that is exported to DPS; any other outcome word is kept but not sent. */
export const ADMINISTERED = 'administered';

export interface VaccinationRecord {
  programme: Programme;
  /** Lower-case UUID. */
  record_id: string;
  /** Ten digits, spaces removed, valid check digit. */
  nhs_number: string;
  given_name: string;
  family_name: string;
  /** YYYY-MM-DD. */
  date_of_birth: string;
  gender_code: GenderCode;
  postcode?: string;
  /** The instant as UTC `YYYY-MM-DDTHH:MM:SS.sssZ`, so that string order is time order. */
  recorded_at: string;
  /** `YYYY-MM-DD` when given as a date, otherwise the instant as UTC `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  performed_at: string;
  /** `administered` or another lower-case outcome word (`refused`, `not_well`, ...). */
  outcome: string;
  /** Upper case. */
  organisation_ods_code: string;
  performer_given_name?: string;
  performer_family_name?: string;
  dose_sequence?: number;
  vaccine_product_code: string;
  /** From the catalogue for a known product code, otherwise as given. */
  vaccine_product_term: string;
  /** From the catalogue for a known product code, otherwise as given. */
  vaccine_manufacturer: string;
  /** The full dose's volume: from the catalogue for a known product code, otherwise as given. */
  dose_volume_ml: number;
  /** False when half the dose was given (DOSE_AMOUNT is then half of dose_volume_ml). */
  full_dose: boolean;
  batch_number: string;
  /** YYYY-MM-DD. */
  batch_expiry?: string;
  delivery_site: DeliverySite;
  delivery_method: DeliveryMethod;
  /** A school's six-digit URN. */
  location_urn?: string;
  /** A clinic's ODS code, upper case; used when there is no URN. */
  location_ods_code?: string;
}

/** Every field of an import file, in the order the console writes them. */
export const RECORD_FIELDS = [
  'programme',
  'record_id',
  'nhs_number',
  'given_name',
  'family_name',
  'date_of_birth',
  'gender_code',
  'postcode',
  'recorded_at',
  'performed_at',
  'outcome',
  'organisation_ods_code',
  'performer_given_name',
  'performer_family_name',
  'dose_sequence',
  'vaccine_product_code',
  'vaccine_product_term',
  'vaccine_manufacturer',
  'dose_volume_ml',
  'full_dose',
  'batch_number',
  'batch_expiry',
  'delivery_site',
  'delivery_method',
  'location_urn',
  'location_ods_code',
] as const satisfies readonly (keyof VaccinationRecord)[];
export type RecordField = (typeof RECORD_FIELDS)[number];

/** Fields every row must have, whatever its vaccine. */
export const REQUIRED_FIELDS: readonly RecordField[] = [
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

// Compile-time check that RECORD_FIELDS names every field of VaccinationRecord.
type UnlistedField = Exclude<keyof VaccinationRecord, RecordField>;
export const everyFieldListed: [UnlistedField] extends [never] ? true : never = true;

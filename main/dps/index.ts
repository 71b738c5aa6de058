// The DPS data layer's public face: records in (import files, validation, demo data) and the
// exact DPS CSV out. Pure and streaming; no store, no MESH, no Electron.
export { PROGRAMME_INFO, PROGRAMMES, isProgramme, type Programme, type ProgrammeInfo } from './programmes';
export {
  ADMINISTERED,
  DELIVERY_METHODS,
  DELIVERY_SITES,
  GENDER_CODES,
  RECORD_FIELDS,
  REQUIRED_FIELDS,
  type DeliveryMethod,
  type DeliverySite,
  type GenderCode,
  type RecordField,
  type VaccinationRecord,
} from './record';
export {
  DEFAULT_CATALOGUE_PATH,
  loadVaccineCatalogue,
  parseVaccineCatalogue,
  vaccineCatalogue,
  type CatalogueVaccine,
  type VaccineCatalogue,
  type VaccineMethod,
} from './vaccine-catalogue';
export { isValidNhsNumber, nhsCheckDigit, normaliseNhsNumber } from './nhs-number';
export {
  FUTURE_TOLERANCE_MS,
  validateRecord,
  validationContext,
  type RawRow,
  type RowError,
  type RowResult,
  type ValidationContext,
  type ValidationOptions,
} from './validate-record';
export { readRecords, readRecordsFile, type ReadRecordsResult } from './read-records';
export { detectRecordsFormat, formatFromContent, formatFromExtension, type RecordsFormat } from './records-format';
export type { RecordsInput } from './source-row';
export { writeRecords, type WriteRecordsOptions, type WriteRecordsResult } from './write-records';
export { demoRecords, generateDemoRecords, type DemoOptions } from './demo-records';
export { DPS_COLUMNS, doseAmount, dpsRow, type DpsColumn } from './csv-row';
export { dpsCsvBuffer, dpsFileName, sortForDps, writeDpsCsv, type DpsCsvOptions, type DpsCsvResult } from './dps-csv';
export { DEFAULT_UNIQUE_ID_URI } from './dps-codes';
export { londonDate } from './london-time';

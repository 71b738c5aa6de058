// Which fields differ between two versions of a record: what a re-import changes. Records are
// normalised on import (UTC instants, no spaces in NHS numbers, catalogue values), so equal
// facts written differently compare equal.
import { RECORD_FIELDS, type RecordField, type VaccinationRecord } from './record';

export function changedFields(before: VaccinationRecord, after: VaccinationRecord): RecordField[] {
  return RECORD_FIELDS.filter((field) => before[field] !== after[field]);
}

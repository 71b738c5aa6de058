// The SNOMED codes and terms DPS expects for delivery sites and routes (docs/dps-file.md, "Codes").
import type { DeliveryMethod, DeliverySite } from './record';

export interface CodedTerm {
  code: string;
  term: string;
}

export const SITE_OF_VACCINATION: Readonly<Record<DeliverySite, CodedTerm>> = {
  left_arm_upper_position: { code: '368208006', term: 'Left upper arm structure' },
  left_arm_lower_position: { code: '368208006', term: 'Left upper arm structure' },
  right_arm_upper_position: { code: '368209003', term: 'Right upper arm structure' },
  right_arm_lower_position: { code: '368209003', term: 'Right upper arm structure' },
  left_thigh: { code: '61396006', term: 'Structure of left thigh' },
  right_thigh: { code: '11207009', term: 'Structure of right thigh' },
  left_buttock: { code: '723979003', term: 'Structure of left buttock' },
  right_buttock: { code: '723980000', term: 'Structure of right buttock' },
  nose: { code: '279549004', term: 'Nasal cavity structure' },
};

export const ROUTE_OF_VACCINATION: Readonly<Record<DeliveryMethod, CodedTerm>> = {
  intramuscular: { code: '78421000', term: 'Intramuscular' },
  subcutaneous: { code: '34206005', term: 'Subcutaneous' },
  nasal_spray: { code: '46713006', term: 'Nasal' },
};

export const DOSE_UNIT: CodedTerm = { code: '258773002', term: 'Milliliter (qualifier value)' };
export const ODS_ORGANIZATION_URI = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const SCHOOL_URN_URI = 'https://fhir.hl7.org.uk/Id/urn-school-number';
export const DEFAULT_UNIQUE_ID_URI = 'https://manage-vaccinations-in-schools.nhs.uk/vaccination-records';

// What each import field should look like, in the words a refusal uses ("...; expected ...").
import { OUTCOMES } from './outcomes';
import { PROGRAMMES } from './programmes';
import { DELIVERY_METHODS, DELIVERY_SITES } from './record';

export const EXPECT = {
  programme: `expected one of ${PROGRAMMES.join(', ')}`,
  uuid: 'expected a UUID such as 496e37d8-d1ab-4e12-a3a3-9c2e136a0504',
  date: 'expected a real date written YYYY-MM-DD, such as 2012-08-18',
  dateTime: 'expected an ISO 8601 date-time with Z or an offset, such as 2024-07-23T18:31:47Z',
  dateOrDateTime: 'expected a date written YYYY-MM-DD or an ISO 8601 date-time with Z or an offset',
  gender: 'expected 0 (not known), 1 (male), 2 (female) or 9 (not specified)',
  outcome: `expected one of ${OUTCOMES.join(', ')}`,
  ods: 'expected an ODS code of 2 to 10 letters and digits, such as RYG or U1',
  urn: 'expected a school URN of 6 digits, such as 123456',
  doseSequence: 'expected a whole number from 1 upwards, or nothing',
  snomed: 'expected a SNOMED CT product code (digits with a valid check digit)',
  volume: 'expected a positive number of millilitres, such as 0.5',
  fullDose: 'expected true or false (empty means true)',
  site: `expected one of ${DELIVERY_SITES.join(', ')}`,
  method: `expected one of ${DELIVERY_METHODS.join(', ')}`,
};

export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const ODS_CODE = /^[A-Za-z0-9]{2,10}$/;
export const URN = /^\d{6}$/;
export const POSITIVE_INTEGER = /^[1-9]\d{0,2}$/;
export const DECIMAL = /^\d{1,3}(\.\d{1,4})?$/;

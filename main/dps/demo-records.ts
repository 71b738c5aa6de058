// Synthetic vaccination records for the embedded sandbox, demos and benchmarks: plausible
// children at schools and clinics, vaccines from the catalogue that suit each programme, NHS
// numbers in the 999 test range (never a real patient). The same seed and `now` give the same
// records.
import { nhsCheckDigit } from './nhs-number';
import { londonDate } from './london-time';
import { PROGRAMMES, type Programme } from './programmes';
import { ADMINISTERED, type DeliveryMethod, type DeliverySite, type GenderCode, type VaccinationRecord } from './record';
import { vaccineCatalogue, type CatalogueVaccine, type VaccineCatalogue } from './vaccine-catalogue';

export interface DemoOptions {
  /** Any integer; the same seed (and `now`) gives the same records. Default 1. */
  seed?: number;
  /** recorded_at falls in the `days` before this instant. Default: the current time. */
  now?: Date | number;
  /** How many days back recorded_at may go. Default 7. */
  days?: number;
  /** Which programmes to make records for. Default all four. */
  programmes?: readonly Programme[];
  catalogue?: VaccineCatalogue;
}

const GIVEN_NAMES = [
  'Amelia',
  'Olivia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Freya',
  'Florence',
  'Grace',
  'Sophia',
  'Evie',
  'Aisha',
  'Zara',
  'Maya',
  'Chloe',
  'Niamh',
  'Siobhan',
  'Noah',
  'Oliver',
  'George',
  'Arthur',
  'Muhammad',
  'Leo',
  'Harry',
  'Oscar',
  'Archie',
  'Henry',
  'Theo',
  'Jack',
  'Charlie',
  'Freddie',
  'Alfie',
  'Finley',
  'Rhys',
  'Dylan',
  'Kai',
  'Ravi',
  'Tomasz',
  'Jean-Luc',
];
const FAMILY_NAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Khan',
  'Begum',
  'Ali',
  'Nowak',
  "O'Brien",
  "O'Connor",
  'Smith-Jones',
  'Ferreira',
];
const NURSE_GIVEN_NAMES = ['Sarah', 'Helen', 'Joanne', 'Priya', 'Claire', 'Mark', 'Fiona', 'Adebayo', 'Rachel', 'Gemma'];
const NURSE_FAMILY_NAMES = ['Fletcher', 'Okafor', 'Bennett', 'Shah', 'McDonald', 'Price', 'Lloyd', 'Singh', 'Harper', 'Quinn'];
const POSTCODE_AREAS = [
  'B',
  'BS',
  'CB',
  'CF',
  'DE',
  'E',
  'EX',
  'GL',
  'L',
  'LE',
  'LS',
  'M',
  'N',
  'NE',
  'NG',
  'OX',
  'PL',
  'S',
  'SE',
  'SW',
  'TQ',
  'W',
  'YO',
];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
/** School and Age Immunisation Service teams (the organisation that vaccinates). */
const ORGANISATIONS = ['RYG', 'RT2', 'RVE', 'R1L', 'RNU', 'RX9'];
const SCHOOL_URNS = [
  '100012',
  '102345',
  '105678',
  '110158',
  '113572',
  '118926',
  '121340',
  '124788',
  '131006',
  '136241',
  '139872',
  '141523',
  '143007',
  '144896',
  '145230',
  '147781',
];
const CLINIC_ODS_CODES = ['RYG01', 'RYG14', 'RT2C3', 'RVEB2', 'R1LK7', 'RNUHQ', 'RX9AB'];
const OTHER_OUTCOMES = ['refused', 'not_well', 'absent_from_session', 'contraindications'];
const ARM_SITES: DeliverySite[] = [
  'left_arm_upper_position',
  'right_arm_upper_position',
  'left_arm_lower_position',
  'right_arm_lower_position',
];
const THIGH_SITES: DeliverySite[] = ['left_thigh', 'right_thigh'];
/** Ages (whole years) at vaccination, by programme. */
const AGES: Record<Programme, [number, number]> = { flu: [4, 16], hpv: [12, 13], menacwy: [13, 15], td_ipv: [13, 15] };
const DAY = 86_400_000;

export function generateDemoRecords(count: number, options: DemoOptions = {}): VaccinationRecord[] {
  return Array.from(demoRecords(count, options));
}

export function* demoRecords(count: number, options: DemoOptions = {}): Generator<VaccinationRecord> {
  if (!Number.isInteger(count) || count < 0) throw new Error(`The number of demo records must be a whole number from 0 up, not ${count}.`);
  const random = mulberry32(options.seed ?? 1);
  const now = options.now === undefined ? Date.now() : Number(options.now);
  const days = options.days ?? 7;
  const programmes = options.programmes ?? PROGRAMMES;
  if (programmes.length === 0) throw new Error('Demo records need at least one programme.');
  const catalogue = options.catalogue ?? vaccineCatalogue();
  const vaccines = vaccinesByProgramme(catalogue, programmes);

  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number): boolean => random() < p;

  for (let i = 0; i < count; i++) {
    const programme = pickProgramme(programmes, random);
    const { nasal, injection } = vaccines[programme];
    const vaccine = nasal.length > 0 && (injection.length === 0 || chance(0.7)) ? pick(nasal) : pick(injection);
    const isNasal = vaccine.method === 'nasal';

    // Recorded in the last `days`, at least a minute ago; given up to a few hours earlier.
    const recordedAt = now - 60_000 - Math.floor(random() * days * DAY);
    const performedInstant = recordedAt - Math.floor(random() * 4 * 3_600_000);
    const performedDate = londonDate(performedInstant);
    const [minAge, maxAge] = AGES[programme];
    const ageDays = Math.floor((minAge + random() * (maxAge - minAge + 1)) * 365.25);
    const dateOfBirth = addDays(performedDate, -ageDays);

    let deliveryMethod: DeliveryMethod = 'nasal_spray';
    let deliverySite: DeliverySite = 'nose';
    if (!isNasal) {
      deliveryMethod = chance(0.03) ? 'subcutaneous' : 'intramuscular';
      deliverySite = chance(0.04) ? pick(THIGH_SITES) : pick(ARM_SITES);
    }

    const record: VaccinationRecord = {
      programme,
      record_id: uuid(random),
      nhs_number: testNhsNumber(random),
      given_name: pick(GIVEN_NAMES),
      family_name: pick(FAMILY_NAMES),
      date_of_birth: dateOfBirth,
      gender_code: pickGender(random),
      recorded_at: new Date(recordedAt).toISOString(),
      performed_at: chance(0.5) ? performedDate : new Date(performedInstant).toISOString(),
      outcome: chance(0.97) ? ADMINISTERED : pick(OTHER_OUTCOMES),
      organisation_ods_code: pick(ORGANISATIONS),
      vaccine_product_code: vaccine.productCode,
      vaccine_product_term: vaccine.productTerm,
      vaccine_manufacturer: vaccine.manufacturer,
      dose_volume_ml: vaccine.doseVolumeMl,
      full_dose: !(isNasal && chance(0.06)),
      batch_number: batchNumber(random),
      batch_expiry: addDays(performedDate, 60 + Math.floor(random() * 300)),
      delivery_site: deliverySite,
      delivery_method: deliveryMethod,
    };
    if (chance(0.95)) record.postcode = postcode(random);
    if (chance(0.85)) {
      record.performer_given_name = pick(NURSE_GIVEN_NAMES);
      record.performer_family_name = pick(NURSE_FAMILY_NAMES);
    }
    const sequence = programme === 'hpv' ? (chance(0.2) ? 2 : 1) : programme === 'flu' ? (chance(0.5) ? 1 : undefined) : 1;
    if (sequence !== undefined) record.dose_sequence = sequence;
    const where = random();
    if (where < 0.8) record.location_urn = pick(SCHOOL_URNS);
    else if (where < 0.95) record.location_ods_code = pick(CLINIC_ODS_CODES);
    yield record;
  }
}

/** Calendar arithmetic on a `YYYY-MM-DD` date. */
function addDays(isoDate: string, days: number): string {
  const date = new Date(Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)) + days));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** A ten-digit NHS number starting 999 (the range set aside for testing) with a valid check digit. */
export function testNhsNumber(random: () => number): string {
  for (;;) {
    const nine = `999${String(Math.floor(random() * 1_000_000)).padStart(6, '0')}`;
    const check = nhsCheckDigit(nine);
    if (check !== undefined) return `${nine}${check}`;
  }
}

function vaccinesByProgramme(catalogue: VaccineCatalogue, programmes: readonly Programme[]) {
  const result = {} as Record<Programme, { nasal: CatalogueVaccine[]; injection: CatalogueVaccine[] }>;
  for (const programme of programmes) {
    const current = [...catalogue.values()].filter((vaccine) => vaccine.programme === programme && !vaccine.discontinued);
    if (current.length === 0) throw new Error(`The vaccine catalogue has no current vaccine for ${programme}.`);
    result[programme] = {
      nasal: current.filter((vaccine) => vaccine.method === 'nasal'),
      injection: current.filter((vaccine) => vaccine.method === 'injection'),
    };
  }
  return result;
}

/** Flu is the big campaign; the adolescent programmes are smaller. */
function pickProgramme(programmes: readonly Programme[], random: () => number): Programme {
  const weight = (programme: Programme) => (programme === 'flu' ? 4 : programme === 'hpv' ? 2 : 1.5);
  const total = programmes.reduce((sum, programme) => sum + weight(programme), 0);
  let roll = random() * total;
  for (const programme of programmes) {
    roll -= weight(programme);
    if (roll < 0) return programme;
  }
  return programmes[programmes.length - 1]!;
}

function pickGender(random: () => number): GenderCode {
  const roll = random();
  return roll < 0.49 ? '1' : roll < 0.98 ? '2' : roll < 0.99 ? '0' : '9';
}

function postcode(random: () => number): string {
  const area = POSTCODE_AREAS[Math.floor(random() * POSTCODE_AREAS.length)]!;
  const district = 1 + Math.floor(random() * 20);
  return `${area}${district} ${Math.floor(random() * 10)}${inwardLetter(random)}${inwardLetter(random)}`;
}

function inwardLetter(random: () => number): string {
  return INWARD_LETTERS[Math.floor(random() * INWARD_LETTERS.length)]!;
}

function batchNumber(random: () => number): string {
  return `${capital(random)}${capital(random)}${String(Math.floor(random() * 10_000)).padStart(4, '0')}`;
}

function capital(random: () => number): string {
  return String.fromCharCode(65 + Math.floor(random() * 26));
}

function uuid(random: () => number): string {
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

function hex(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += Math.floor(random() * 16).toString(16);
  return text;
}

/** A small, fast, seedable generator (Mulberry32): demo data need repeatability, not secrecy. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

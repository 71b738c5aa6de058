// The vaccine catalogue (vaccines.yml beside this file), keyed by SNOMED product code.
// Product codes are longer than a JavaScript number holds exactly, so integers are read as
// BigInt and kept as strings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { isProgramme, type Programme } from './programmes';

export type VaccineMethod = 'injection' | 'nasal';

export interface CatalogueVaccine {
  /** The catalogue's own key, e.g. `gardasil_9`. */
  key: string;
  brand: string;
  programme: Programme;
  method: VaccineMethod;
  manufacturer: string;
  doseVolumeMl: number;
  productCode: string;
  productTerm: string;
  discontinued: boolean;
}

export type VaccineCatalogue = ReadonlyMap<string, CatalogueVaccine>;

export const DEFAULT_CATALOGUE_PATH = fileURLToPath(new URL('./vaccines.yml', import.meta.url));

export function parseVaccineCatalogue(text: string, source = 'vaccines.yml'): VaccineCatalogue {
  const document: unknown = parse(text, { intAsBigInt: true });
  if (!isObject(document)) throw new Error(`The vaccine catalogue ${source} is not a mapping of vaccines.`);
  const catalogue = new Map<string, CatalogueVaccine>();
  for (const [key, entry] of Object.entries(document)) {
    const vaccine = toVaccine(key, entry, source);
    const existing = catalogue.get(vaccine.productCode);
    if (existing) {
      throw new Error(`The vaccine catalogue ${source} lists product code ${vaccine.productCode} twice (${existing.key} and ${key}).`);
    }
    catalogue.set(vaccine.productCode, vaccine);
  }
  return catalogue;
}

export function loadVaccineCatalogue(path = DEFAULT_CATALOGUE_PATH): VaccineCatalogue {
  return parseVaccineCatalogue(readFileSync(path, 'utf8'), path);
}

let defaultCatalogue: VaccineCatalogue | undefined;

/** The catalogue shipped with the console, read once. */
export function vaccineCatalogue(): VaccineCatalogue {
  defaultCatalogue ??= loadVaccineCatalogue();
  return defaultCatalogue;
}

function toVaccine(key: string, entry: unknown, source: string): CatalogueVaccine {
  const fail = (what: string): never => {
    throw new Error(`The vaccine catalogue ${source} entry ${key} ${what}.`);
  };
  if (!isObject(entry)) return fail('is not a mapping');
  const text = (name: string): string => {
    const value = entry[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'bigint') return value.toString();
    return fail(`has no ${name}`);
  };
  const programme = text('type');
  if (!isProgramme(programme)) return fail(`has an unknown type ${programme}`);
  const method = text('method');
  if (method !== 'injection' && method !== 'nasal') return fail(`has an unknown method ${method}`);
  const volume = entry['dose_volume_ml'];
  const doseVolumeMl = typeof volume === 'bigint' ? Number(volume) : volume;
  if (typeof doseVolumeMl !== 'number' || !(doseVolumeMl > 0)) return fail('has no positive dose_volume_ml');
  const productCode = text('snomed_product_code');
  if (!/^[1-9]\d{5,17}$/.test(productCode)) return fail(`has a malformed snomed_product_code ${productCode}`);
  return {
    key,
    brand: text('brand'),
    programme,
    method,
    manufacturer: text('manufacturer'),
    doseVolumeMl,
    productCode,
    productTerm: text('snomed_product_term'),
    discontinued: entry['discontinued'] === true,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Vaccination records as the console holds and counts them.

export type Programme = 'flu' | 'hpv' | 'menacwy' | 'td_ipv';

export const PROGRAMMES: readonly Programme[] = ['flu', 'hpv', 'menacwy', 'td_ipv'];

export interface RowError {
  /** The file's line; 0 for a problem with the whole file (it could not be read or stored). */
  line: number;
  field: string;
  reason: string;
}

export interface ImportResult {
  ok: boolean;
  fileName: string;
  added: number;
  updated: number;
  unchanged: number;
  /** Records already sent whose re-import differs: reported, not resent. */
  changedAfterSent: { recordId: string; fields: string[] }[];
  /** The problems found, the first 1000 of them when there are more. */
  errors: RowError[];
  /** How many problems there were in all, when more than `errors` lists. */
  problemCount?: number;
  /** When the header row is not an import file's (or there is none): the columns it should name, in any order. */
  expectedColumns?: ExpectedColumns;
}

export interface ExpectedColumns {
  required: string[];
  optional: string[];
}

export interface RecordSummary {
  programme: Programme;
  unsent: number;
  total: number;
}

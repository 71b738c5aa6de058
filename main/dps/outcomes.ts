// The outcome words an import may carry (docs/dps-file.md, "Import files"): the vaccination
// outcomes of the services that record them. Only `administered` goes to DPS.
export const OUTCOMES = [
  'administered',
  'refused',
  'not_well',
  'contraindications',
  'already_had',
  'absent_from_school',
  'absent_from_session',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

const OUTCOME_SET: ReadonlySet<string> = new Set(OUTCOMES);

export function isOutcome(word: string): word is Outcome {
  return OUTCOME_SET.has(word);
}

// Compares two records by value, field by field. A field that is absent and one that is
// undefined are the same (JSON drops undefined, so a record read back from disk has no key
// where the imported one had `undefined`).

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The names of the fields whose values differ, sorted. */
export function changedFields(before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  const changed: string[] = [];
  for (const field of fields) {
    if (!sameValue(a[field], b[field])) changed.push(field);
  }
  return changed.sort();
}

/** A copy without undefined fields, as it will be after a round trip through JSON. */
export function withoutUndefined<R extends object>(record: R): R {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) copy[key] = value;
  }
  return copy as R;
}

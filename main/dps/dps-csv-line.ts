// One line of the DPS CSV (docs/dps-file.md, "File format"): every value in double quotes with
// any `"` inside doubled, `|` between values, `\n` at the end. Quoting every value makes `|`, CR
// and LF inside a value safe without further checks.

export function dpsCsvLine(values: readonly string[]): string {
  // join makes one flat string; building the line with += would make a rope of ~100 pieces
  // that costs more to flatten when the buffer is encoded than it took to build.
  return values.map(quote).join('|') + '\n';
}

function quote(value: string): string {
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

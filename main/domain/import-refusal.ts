// How a refused import is told, the same on the screen and on the command line.
import type { ImportResult } from './records';

export interface ImportRefusal {
  sentence: string;
  /** The problems are worth listing one by one (line, field, reason). */
  rowProblems: boolean;
  /** The header row was wrong: show the columns it should name. */
  expectedColumns?: { required: string[]; optional: string[] };
}

/** What the operator reads when an import was refused: one sentence when the whole file failed, else a count of the rows' problems. */
export function importRefusal(result: Pick<ImportResult, 'errors' | 'problemCount' | 'expectedColumns'>): ImportRefusal {
  if (result.expectedColumns) return headerRefusal(result.errors, result.expectedColumns);
  const wholeFile = result.errors.filter((e) => e.line === 0);
  if (wholeFile.length && wholeFile.length === result.errors.length) {
    return { sentence: `${wholeFile.map((e) => e.reason).join(' ')} Nothing was imported.`, rowProblems: false };
  }
  const count = result.errors.length;
  const all = Math.max(result.problemCount ?? count, count);
  const listed =
    all > count
      ? `${all.toLocaleString('en-GB')} problems, the first ${count.toLocaleString('en-GB')} listed below`
      : `${count} problem${count === 1 ? '' : 's'} listed below`;
  return {
    sentence: `Nothing was imported: ${listed}. Correct the file and import it again.`,
    rowProblems: true,
  };
}

function headerRefusal(errors: ImportResult['errors'], expectedColumns: NonNullable<ImportResult['expectedColumns']>): ImportRefusal {
  // A whole-line problem (another separator, no header at all) says everything in its one sentence.
  const [first] = errors;
  if (errors.length === 1 && first && first.field === '') {
    return {
      sentence: `${first.reason} Nothing was imported; the expected columns are listed below.`,
      rowProblems: false,
      expectedColumns,
    };
  }
  const count = errors.length;
  return {
    sentence:
      `The header row does not name an import file's columns (${count} problem${count === 1 ? '' : 's'} listed below): ` +
      `correct it to name the expected columns listed below, in any order. Nothing was imported.`,
    rowProblems: true,
    expectedColumns,
  };
}

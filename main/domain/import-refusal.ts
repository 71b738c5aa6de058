// How a refused import is told, the same on the screen and on the command line.
import type { ImportResult } from './records';

/** What the operator reads when an import was refused: one sentence when the whole file failed, else a count of the rows' problems. */
export function importRefusal(result: Pick<ImportResult, 'errors' | 'problemCount'>): { sentence: string; rowProblems: boolean } {
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

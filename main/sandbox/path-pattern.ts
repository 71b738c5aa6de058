// A fault's `path`: the small part of regular-expression syntax that path matching needs, run
// by a matcher whose time grows with path length times pattern length, never more. A RegExp
// built from the caller's text could backtrack for ever: `(a+)+$` held the server for 40 s.
//
// Understood: literal characters; `.` (any character); classes `[...]` and `[^...]` with ranges
// and `\d \w \s`; the escapes `\d \D \w \W \s \S` and `\` before any other punctuation (that
// character itself); each of these once, or followed by one of `*`, `+`, `?`; `^` at the start
// and `$` at the end as anchors. Without `^` the pattern may match anywhere in the path, as a
// RegExp's test does. Refused, with the reason: groups, alternation, `{n,m}` counts, two
// quantifiers in a row (`a**`, lazy `a+?`), other escapes, anchors elsewhere, more than 256 characters.

const MAX_LENGTH = 256;

type CharTest = (code: number) => boolean;

interface Step {
  test: CharTest;
  /** May be skipped (`*`, `?`). */
  optional: boolean;
  /** May repeat (`*`, `+`). */
  repeats: boolean;
}

export interface PathPattern {
  readonly source: string;
  test(path: string): boolean;
}

export class PathPatternError extends Error {}

const isDigit: CharTest = (c) => c >= 48 && c <= 57;
const isWord: CharTest = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: CharTest = (c) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
const CLASS_ESCAPES: Record<string, CharTest> = {
  d: isDigit,
  D: (c) => !isDigit(c),
  w: isWord,
  W: (c) => !isWord(c),
  s: isSpace,
  S: (c) => !isSpace(c),
};
const QUANTIFIERS = '*+?';

function refuse(source: string, why: string): never {
  throw new PathPatternError(
    `The fault path ${JSON.stringify(source.length > 60 ? `${source.slice(0, 60)}...` : source)} is not one this server matches: ${why}. ` +
      'A fault path is text, with . [...] \\d \\w \\s, each optionally followed by * + or ?, and ^ or $ at the ends.',
  );
}

export function compilePathPattern(source: string): PathPattern {
  if (typeof source !== 'string') throw new PathPatternError('A fault path must be text.');
  if (source.length > MAX_LENGTH) refuse(source, `it is longer than ${MAX_LENGTH} characters`);
  let i = 0;
  const anchoredStart = source.startsWith('^');
  if (anchoredStart) i = 1;
  let anchoredEnd = false;
  const steps: Step[] = [];

  const escape = (inClass: boolean): CharTest | number => {
    const next = source[i + 1];
    if (next === undefined) refuse(source, 'it ends with a lone \\');
    i += 2;
    if (CLASS_ESCAPES[next]) return CLASS_ESCAPES[next];
    if (/[A-Za-z0-9]/.test(next)) refuse(source, `\\${next} is not understood${inClass ? ' in a class' : ''}`);
    return next.charCodeAt(0);
  };

  const parseClass = (): CharTest => {
    i += 1; // [
    const negated = source[i] === '^';
    if (negated) i += 1;
    const tests: CharTest[] = [];
    let first = true;
    for (;;) {
      const c = source[i];
      if (c === undefined) refuse(source, 'a [ class is not closed');
      if (c === ']' && !first) {
        i += 1;
        break;
      }
      if (c === ']') refuse(source, 'a class is empty');
      first = false;
      let low: CharTest | number;
      if (c === '\\') low = escape(true);
      else {
        low = c.charCodeAt(0);
        i += 1;
      }
      if (typeof low === 'number' && source[i] === '-' && source[i + 1] !== undefined && source[i + 1] !== ']') {
        i += 1;
        let high: CharTest | number;
        if (source[i] === '\\') high = escape(true);
        else {
          high = source.charCodeAt(i);
          i += 1;
        }
        if (typeof high !== 'number') refuse(source, 'a range ends in a class escape');
        if (high < low) refuse(source, 'a range runs backwards');
        const from = low;
        const to = high;
        tests.push((code) => code >= from && code <= to);
      } else if (typeof low === 'number') {
        const only = low;
        tests.push((code) => code === only);
      } else {
        tests.push(low);
      }
    }
    const any: CharTest = (code) => tests.some((t) => t(code));
    return negated ? (code) => !any(code) : any;
  };

  while (i < source.length) {
    const c = source[i]!;
    if (c === '$' && i === source.length - 1) {
      anchoredEnd = true;
      i += 1;
      break;
    }
    if (c === '(' || c === ')') refuse(source, 'groups are not supported');
    if (c === '|') refuse(source, 'alternation (|) is not supported');
    if (c === '{' || c === '}') refuse(source, '{n,m} counts are not supported (write \\{ for the character)');
    if (c === '^' || c === '$')
      refuse(source, `${c} is an anchor only at the ${c === '^' ? 'start' : 'end'} (write \\${c} for the character)`);
    if (QUANTIFIERS.includes(c)) refuse(source, `${c} has nothing to repeat`);
    let test: CharTest;
    if (c === '.') {
      test = () => true;
      i += 1;
    } else if (c === '[') {
      test = parseClass();
    } else if (c === '\\') {
      const escaped = escape(false);
      test = typeof escaped === 'number' ? (code) => code === escaped : escaped;
    } else {
      const code = c.charCodeAt(0);
      test = (x) => x === code;
      i += 1;
    }
    const quantifier = source[i];
    const step: Step = { test, optional: false, repeats: false };
    if (quantifier !== undefined && QUANTIFIERS.includes(quantifier)) {
      step.optional = quantifier !== '+';
      step.repeats = quantifier !== '?';
      i += 1;
      const after = source[i];
      if (after !== undefined && (QUANTIFIERS.includes(after) || after === '{')) refuse(source, 'a quantifier follows a quantifier');
    }
    steps.push(step);
  }

  return { source, test: (path) => run(steps, anchoredStart, anchoredEnd, path) };
}

/**
 * Runs the steps as a set of positions advanced together one character at a time (Thompson's
 * construction): each character is looked at once for each step, so there is nothing to backtrack.
 */
function run(steps: Step[], anchoredStart: boolean, anchoredEnd: boolean, path: string): boolean {
  const end = steps.length;
  let current = new Uint8Array(end + 1);
  let next = new Uint8Array(end + 1);
  // Positions reachable without reading: past optional steps.
  const close = (set: Uint8Array) => {
    for (let s = 0; s < end; s++) if (set[s] && steps[s]!.optional) set[s + 1] = 1;
  };
  current[0] = 1;
  close(current);
  for (let at = 0; at < path.length; at++) {
    if (!anchoredEnd && current[end]) return true;
    const code = path.charCodeAt(at);
    next.fill(0);
    for (let s = 0; s < end; s++) {
      if (!current[s] || !steps[s]!.test(code)) continue;
      next[s + 1] = 1;
      if (steps[s]!.repeats) next[s] = 1;
    }
    if (!anchoredStart) next[0] = 1;
    close(next);
    [current, next] = [next, current];
  }
  return current[end] === 1;
}

// Fault paths: the safe pattern subset matches as a RegExp would, refuses what could backtrack,
// and takes time in proportion to the path whatever the pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePathPattern, PathPatternError } from '../../main/sandbox/path-pattern';

const PATHS = [
  '',
  '/messageexchange/X26ABC1/outbox',
  '/messageexchange/X26ABC1/outbox/ABCDEF0123/2',
  '/messageexchange/X26ABC1/outbox/ABCDEF0123/12',
  '/messageexchange/X26ABC1/outbox/tracking',
  '/messageexchange/X26ABC2/inbox',
  '/messageexchange/X26ABC2/inbox/rich',
  '/messageexchange/X26ABC2/inbox/0A1B/2',
  '/messageexchange/X26ABC2/count',
  '/messageexchange/dps%20export/x.y',
  'aaaa',
  'a-b_c d',
];

// Every pattern the tests in this repository give addFault, and more of the same kind.
const PATTERNS = [
  '/outbox$',
  '/inbox$',
  '/count$',
  '/outbox/[^/]+/2$',
  '/outbox/[^/]+/3$',
  '/outbox/[^/]+/[0-9]+$',
  '/inbox/0A1B/2$',
  '^/messageexchange/X26ABC1/',
  'X26ABC[12]',
  '/inbox/rich',
  '^/messageexchange/[A-Z0-9]+/inbox$',
  'outbox/.*/2',
  '\\d+$',
  '\\w+\\s\\w',
  '[^a-z]$',
  'a?b',
  'a*',
  '^a+$',
  '^$',
  '',
  'x\\.y',
  '%20',
  '[-_]',
  '[a\\-]',
  '^/?message',
  'inbox.?$',
];

test('the subset matches exactly where the same text as a RegExp matches', () => {
  for (const source of PATTERNS) {
    const pattern = compilePathPattern(source);
    const regexp = new RegExp(source);
    for (const path of PATHS) assert.equal(pattern.test(path), regexp.test(path), `${source} on ${JSON.stringify(path)}`);
  }
});

test('groups, alternation, counts, stacked quantifiers, stray anchors and unknown escapes are refused with the reason', () => {
  const refused: [string, RegExp][] = [
    ['(a+)+$', /groups are not supported/],
    ['(x|y)', /groups are not supported/],
    ['/inbox|/outbox', /alternation/],
    ['a{2,}', /counts are not supported/],
    ['a**', /a quantifier follows a quantifier/],
    ['a+?', /a quantifier follows a quantifier/],
    ['*a', /nothing to repeat/],
    ['a^b', /anchor only at the start/],
    ['a$b', /anchor only at the end/],
    ['\\1', /\\1 is not understood/],
    ['\\b', /\\b is not understood/],
    ['[abc', /not closed/],
    ['[]', /empty/],
    ['[z-a]', /backwards/],
    ['abc\\', /lone \\/],
    ['x'.repeat(257), /longer than 256/],
  ];
  for (const [source, why] of refused) {
    assert.throws(
      () => compilePathPattern(source),
      (error: unknown) => error instanceof PathPatternError && why.test(error.message),
      source,
    );
  }
  assert.throws(() => compilePathPattern(7 as unknown as string), /must be text/);
});

test('no pattern backtracks: the worst ones finish on long paths (a RegExp of the same text would take hours)', () => {
  const long = 'a'.repeat(20_000);
  // As a RegExp each of these tries every split of the a's between its repeats before failing.
  assert.equal(compilePathPattern('a*a*a*a*a*a*a*a*a*a*a*a*b').test(long), false);
  assert.equal(compilePathPattern('^a+a+a+a+a+a+a+a+$').test(long), true);
  assert.equal(compilePathPattern('.*.*.*.*.*.*=$').test(`${long}!`), false);
});

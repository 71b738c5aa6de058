import { test } from 'node:test';
import assert from 'node:assert/strict';
import { londonCompactDateTime, londonDate, londonOffset } from '../../main/dps/london-time';
import { parseIsoDate, parseIsoDateTime } from '../../main/dps/iso-dates';

const at = (iso: string) => Date.parse(iso);

test('London wall-clock time either side of the 2024 clock changes', () => {
  assert.equal(londonCompactDateTime(at('2024-03-31T00:59:59Z')), '20240331T005959');
  assert.equal(londonCompactDateTime(at('2024-03-31T01:00:00Z')), '20240331T020000');
  assert.equal(londonCompactDateTime(at('2024-10-27T00:59:59Z')), '20241027T015959');
  assert.equal(londonCompactDateTime(at('2024-10-27T01:00:00Z')), '20241027T010000');
  assert.equal(londonCompactDateTime(at('2024-07-23T18:31:47.999Z')), '20240723T193147');
  assert.equal(londonOffset(at('2024-01-01T00:00:00Z')), 0);
  assert.equal(londonOffset(at('2024-07-01T00:00:00Z')), 3_600_000);
});

test('the London date of an instant', () => {
  assert.equal(londonDate(at('2024-06-30T23:00:00Z')), '2024-07-01');
  assert.equal(londonDate(at('2024-06-30T22:59:59Z')), '2024-06-30');
  assert.equal(londonDate(at('2024-12-31T23:59:59Z')), '2024-12-31');
  assert.equal(londonDate(at('1969-12-31T23:30:00Z')), '1970-01-01', 'British Standard Time, 1968-71');
});

test('strict ISO dates and date-times', () => {
  assert.equal(parseIsoDate('2024-02-29'), Date.UTC(2024, 1, 29));
  for (const bad of ['2023-02-29', '2100-02-29', '2024-04-31', '2024-00-10', '24-01-01', '2024-01-01T00:00Z', '1899-12-31']) {
    assert.equal(parseIsoDate(bad), undefined, bad);
  }
  assert.equal(parseIsoDate('2000-02-29'), Date.UTC(2000, 1, 29));
  assert.equal(parseIsoDateTime('2024-07-23T19:31:47+01:00'), at('2024-07-23T18:31:47Z'));
  assert.equal(parseIsoDateTime('2024-07-23T19:31:47.5+0100'), at('2024-07-23T18:31:47.500Z'));
  assert.equal(parseIsoDateTime('2024-07-23T18:31Z'), at('2024-07-23T18:31:00Z'));
  for (const bad of [
    '2024-07-23T18:31:47',
    '2024-07-23T18:60:00Z',
    '2024-07-23T18:31:60Z',
    '2024-07-23t18:31:47z',
    '2024-07-23T18:31:47+24:00',
    '2024-07-23',
  ]) {
    assert.equal(parseIsoDateTime(bad), undefined, bad);
  }
});

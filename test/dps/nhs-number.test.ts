import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidNhsNumber, nhsCheckDigit, normaliseNhsNumber } from '../../main/dps/nhs-number';

test('the Modulus 11 check digit of known numbers', () => {
  // 999 268 676 -> 9*10 + 9*9 + 9*8 + 2*7 + 6*6 + 8*5 + 6*4 + 7*3 + 6*2 = 390; 390 % 11 = 5; 11 - 5 = 6.
  assert.equal(nhsCheckDigit('999268676'), 6);
  assert.equal(nhsCheckDigit('999000001'), 8);
  assert.equal(nhsCheckDigit('943476591'), 9); // 943 476 5919, the NHS's own published example
  assert.equal(nhsCheckDigit('999000000'), undefined, 'a remainder giving 10 has no valid number');
});

test('a check digit of 11 becomes 0', () => {
  // 999 000 005: 9*10 + 9*9 + 9*8 + 5*2 = 253 = 11 * 23, so 11 - 0 = 11, written 0.
  assert.equal(nhsCheckDigit('999000005'), 0);
  assert.equal(isValidNhsNumber('9990000050'), true);
  assert.equal(isValidNhsNumber('9990000051'), false);
});

test('valid numbers, with and without spaces', () => {
  for (const valid of ['9992686766', '999 268 6766', '9990000018', '999 000 0018', '9434765919']) {
    assert.equal(isValidNhsNumber(valid), true, valid);
  }
});

test('invalid numbers: wrong check digit, wrong length, other characters, no possible check digit', () => {
  for (const invalid of [
    '9992686767',
    '9992686760',
    '999268676',
    '99926867660',
    '999-268-6766',
    '99926867a6',
    '',
    '9990000000',
    '9990000009',
  ]) {
    assert.equal(isValidNhsNumber(invalid), false, invalid);
  }
});

test('only spaces are removed', () => {
  assert.equal(normaliseNhsNumber('999 268 6766'), '9992686766');
  assert.equal(normaliseNhsNumber('999-268-6766'), '999-268-6766');
});

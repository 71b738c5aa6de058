// NHS numbers: ten digits, the last a Modulus 11 check digit over the first nine.

/** Spaces removed; nothing else is forgiven. */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/ /g, '');
}

/** The check digit for nine digits, or undefined when the Modulus 11 result is 10 (no valid number). */
export function nhsCheckDigit(nineDigits: string): number | undefined {
  if (!/^\d{9}$/.test(nineDigits)) throw new Error('An NHS number check digit needs exactly nine digits.');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nineDigits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

/** True for ten digits (after removing spaces) whose last digit is the Modulus 11 check digit. */
export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return false;
  return nhsCheckDigit(digits.slice(0, 9)) === digits.charCodeAt(9) - 48;
}

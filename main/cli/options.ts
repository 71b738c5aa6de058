// Option values the commands share.
import { UsageError } from './exit-codes';

export function positiveInteger(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`${what} must be a whole number above 0, not "${text}".`);
  return value;
}

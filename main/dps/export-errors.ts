import { isMeshError } from '../mesh';

/** The sentence to keep on an export for a failure. */
export function failureText(error: unknown): string {
  if (isMeshError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

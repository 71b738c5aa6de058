import { isMeshError } from '../mesh';
import { storageFailureText } from '../store/storage-errors';

/** The sentence to keep on an export for a failure. */
export function failureText(error: unknown): string {
  if (isMeshError(error)) return error.message;
  return storageFailureText(error);
}

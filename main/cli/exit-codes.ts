// Exit codes: 0 success, 1 MESH or the operation failed, 2 bad usage or configuration.
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** An error the command line reports as bad usage or configuration (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError';
}

// The renderer's only way out: `window.meshConsole`, exposed by the preload (or a test harness).
import type { MeshConsoleApi } from '../preload/api';

declare global {
  interface Window {
    meshConsole?: MeshConsoleApi;
  }
}

export function api(): MeshConsoleApi {
  const bridge = window.meshConsole;
  if (!bridge) throw new Error('The console cannot reach its main process: restart the application.');
  return bridge;
}

/** The operator sentence of anything thrown. */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong that the console could not describe: try again, and check the audit log.';
}

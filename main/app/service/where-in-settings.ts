import type { ConnectionSetting } from '../../domain';
import { whereInSettings } from '../../electron/where-settings-are';

/** A failed result's sentence, with where in Settings its settings are (the app's own words). */
export function withWhereInSettings<T extends { error?: string; errorSettings?: ConnectionSetting[] }>(result: T): T {
  const where = result.error && result.errorSettings ? whereInSettings(result.errorSettings) : undefined;
  return where ? { ...result, error: `${result.error} ${where}` } : result;
}

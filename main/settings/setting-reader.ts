// Reads one setting at a time: the environment variable when set, else settings.json; and fails
// with one sentence naming the setting as its reader knows it (see setting-words.ts).
import { settingProblem, type SettingSentence } from './settings-error';
import { ENV_VARIABLES, settingsFileWords, type SettingWords } from './setting-words';

export { ENV_VARIABLES };

export type SettingSource = 'default' | 'file' | 'env';

export type EnvVariable = keyof typeof ENV_VARIABLES;

/** A setting's value and where it came from. */
export interface Value<T> {
  value: T;
  source: SettingSource;
  envVar?: EnvVariable;
}

export function envValue(env: NodeJS.ProcessEnv, name: EnvVariable): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A value of settings.json (the settings no variable overrides). */
export function fromFile<T>(value: T | undefined): Value<T> | undefined {
  return value === undefined ? undefined : { value, source: 'file' };
}

export class SettingReader {
  /** The command line's words for this file (settings.json keys and variables). */
  readonly words: SettingWords;
  /** Where each setting came from, by its settings.json name. */
  readonly sources: Record<string, SettingSource> = {};

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly filePath: string,
  ) {
    this.words = settingsFileWords(filePath);
  }

  /** A setting from the environment variable when set, else from the file; noted in sources. */
  pick<T>(setting: string, envVar: EnvVariable | undefined, fromFileValue: T | undefined): Value<T | string> | undefined {
    const fromEnv = envVar ? envValue(this.env, envVar) : undefined;
    const value: Value<T | string> | undefined =
      fromEnv !== undefined ? { value: fromEnv, source: 'env', envVar } : fromFile<T | string>(fromFileValue);
    this.note(setting, value);
    return value;
  }

  note(setting: string, value: Value<unknown> | undefined): void {
    this.sources[setting] = value?.source ?? 'default';
  }

  /** Throws the sentence, its setting named by each side in its own words. */
  fail(setting: string, value: Value<unknown> | undefined, sentence: SettingSentence): never {
    throw settingProblem(setting, sentence, this.words, value?.envVar);
  }
}

// A setting that is missing or wrong, as one sentence naming it (and the environment
// variable it came from). Never carries a secret's value.
//
// A check's sentence is written once, against SettingWords, so each side names the setting as its
// operator knows it: the command line by its settings.json key or variable (settingsFileWords), the
// Settings screen by the field's label (main/app/service/settings-screen-words.ts).
import type { SettingWords } from './setting-words';

/** One sentence about a setting, its name left to the words it is said in. */
export type SettingSentence = (words: SettingWords) => string;

export class SettingsError extends Error {
  override name = 'SettingsError';
  readonly kind = 'settings';
  constructor(
    message: string,
    /** The settings.json key (`base_url`, `job_times.inbox_refresh_minutes`): the field's id for every side. */
    readonly setting?: string,
    readonly envVar?: string,
    private readonly sentence?: SettingSentence,
  ) {
    super(message);
  }

  /** The same problem in other words (the Settings screen's); the message itself when it names no setting. */
  inWords(words: SettingWords): string {
    return this.sentence ? this.sentence(words) : this.message;
  }
}

/** A SettingsError whose message is the sentence in the command line's words. */
export function settingProblem(setting: string, sentence: SettingSentence, cliWords: SettingWords, envVar?: string): SettingsError {
  return new SettingsError(sentence(cliWords), setting, envVar, sentence);
}

// A setting that is missing or wrong, as one sentence naming it (and the environment
// variable it came from). Never carries a secret's value.

export class SettingsError extends Error {
  override name = 'SettingsError';
  readonly kind = 'settings';
  constructor(
    message: string,
    readonly setting?: string,
    readonly envVar?: string,
  ) {
    super(message);
  }
}

// A profile's name: what the operator types after --profile and sees in the header, and the
// name of its folder under profiles/. Letters, digits, - and _ only, so it is safe as both.
import { SettingsError } from '../settings/settings-error';

const MAX_LENGTH = 40;
const SAFE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The name, trimmed; a SettingsError sentence when it cannot be a profile's name. */
export function checkProfileName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new SettingsError('A profile needs a name: letters, digits, - and _, like integration or X26ABC1.');
  if (trimmed.length > MAX_LENGTH || !SAFE.test(trimmed)) {
    throw new SettingsError(
      `"${trimmed.slice(0, MAX_LENGTH + 10)}" cannot be a profile's name: use up to ${MAX_LENGTH} letters, digits, - and _, ` +
        `starting with a letter or digit, like integration or X26ABC1.`,
    );
  }
  return trimmed;
}

/** Names compare without regard to case: "Prod" and "prod" would be one folder on Windows and macOS. */
export function sameProfileName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

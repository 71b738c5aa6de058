// How a sentence about a setting names it. The checks say what is wrong once; the words say which
// setting in the terms of whoever reads it: the command line's (settings.json keys and MESH_*
// variables, which its user edits) here, the Settings screen's (field labels) in main/app/service.

/** Where a setting's value came from, when it came from somewhere. */
export interface SettingOrigin {
  source: 'default' | 'file' | 'env';
  envVar?: string;
}

export interface SettingWords {
  /** The sentence's subject: "The setting base_url (from MESH_BASE_URL)", or "“Base URL”". */
  subject(setting: string, origin?: SettingOrigin): string;
  /** A setting named inside a sentence: "base_url", or "“Base URL”". */
  name(setting: string): string;
  /** Where a missing setting is given: "in MESH_MAILBOX or settings.json", or "in Settings, under Connection". */
  whereToGive(setting: string): string;
}

/** Environment variables and the settings they override. */
export const ENV_VARIABLES = {
  MESH_BASE_URL: 'base_url',
  MESH_ENV: 'environment',
  MESH_MAILBOX: 'mailbox',
  MESH_DPS_MAILBOX: 'dps_mailbox',
  MESH_CERT: 'certificate',
  MESH_KEY: 'private_key',
  MESH_CA_BUNDLE: 'ca_bundle',
  MESH_DISABLE_SSL_VERIFICATION: 'disable_ssl_verification',
  MESH_PASSWORD: 'password',
  MESH_SHARED_KEY: 'shared_key',
  MESH_KEY_PASSPHRASE: 'private_key_passphrase',
  MESH_LOCAL_SERVER_STRICT: 'local_server_strict',
} as const;

const VARIABLE_OF: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ENV_VARIABLES).map(([name, setting]) => [setting, name]),
);

/** The command line's words: settings.json keys, the file's path, and the variables. */
export function settingsFileWords(filePath: string): SettingWords {
  return {
    subject(setting, origin) {
      if (origin?.source === 'env') return `The setting ${setting} (from ${origin.envVar})`;
      if (origin?.source === 'file') return `The setting ${setting} in ${filePath}`;
      return `The setting ${setting}`;
    },
    name: (setting) => setting,
    whereToGive(setting) {
      const variable = VARIABLE_OF[setting];
      return variable ? `in ${variable} or settings.json` : 'in settings.json';
    },
  };
}

// The Settings screen's words for a setting: the label of its field and the part of the screen it
// is in, never its settings.json key or environment variable (those are the command line's words).
import { SettingsError } from '../../settings/settings-error';
import type { SettingWords } from '../../settings/setting-words';

interface Field {
  label: string;
  part: string;
}

/** Each setting by its settings.json key, as the screens label it. */
const FIELDS: Readonly<Record<string, Field>> = {
  environment: { label: 'Environment', part: 'Connection' },
  base_url: { label: 'Base URL', part: 'Connection' },
  mailbox: { label: 'Mailbox id', part: 'Connection' },
  dps_mailbox: { label: 'DPS mailbox id', part: 'Connection' },
  dps_workflow_id: { label: 'DPS workflow id', part: 'Connection' },
  disable_ssl_verification: { label: 'Do not verify the local server’s TLS certificate', part: 'Connection' },
  local_server_strict: { label: 'The local server refuses what NHS MESH refuses (strict)', part: 'Connection' },
  password: { label: 'Mailbox password', part: 'Secrets' },
  shared_key: { label: 'Environment shared key', part: 'Secrets' },
  private_key_passphrase: { label: 'Private key passphrase', part: 'Secrets' },
  plaintext_secrets_accepted: { label: 'Type the words to accept', part: 'Secrets' },
  certificate: { label: 'Client certificate', part: 'Certificate and keys' },
  private_key: { label: 'Private key', part: 'Certificate and keys' },
  ca_bundle: { label: 'CA bundle', part: 'Certificate and keys' },
  inbound_folder: { label: 'Inbound folder for record files', part: 'Certificate and keys' },
  mesh_jobs: { label: 'Run scheduled jobs', part: 'Scheduled jobs' },
  'job_times.handshake': { label: 'Mailbox handshake', part: 'Scheduled jobs' },
  'job_times.dps_export': { label: 'DPS export', part: 'Scheduled jobs' },
  'job_times.tracking': { label: 'Export tracking', part: 'Scheduled jobs' },
  'job_times.inbox_refresh_minutes': { label: 'Inbox refresh (minutes)', part: 'Scheduled jobs' },
  record_uri: { label: 'DPS record address', part: 'DPS exports' },
  'folders.out': { label: 'OUT folder', part: 'Mailbox folders' },
  'folders.in': { label: 'IN folder', part: 'Mailbox folders' },
  'folders.sent': { label: 'SENT folder', part: 'Mailbox folders' },
  'folders.failed': { label: 'FAILED folder', part: 'Mailbox folders' },
  'folders.layout': { label: 'Layout', part: 'Mailbox folders' },
  'folders.workflow_filter': { label: 'Workflow filter', part: 'Mailbox folders' },
  'folders.to': { label: 'Send to', part: 'Mailbox folders' },
  'folders.send_workflow': { label: 'Send with workflow', part: 'Mailbox folders' },
};

/** Parts that are a screen of their own in the navigation, not a part of the Settings screen. */
const OWN_SCREENS: ReadonlySet<string> = new Set(['Mailbox folders']);

function fieldOf(setting: string): Field {
  return FIELDS[setting] ?? { label: setting.replace(/[._]/g, ' '), part: 'Settings' };
}

export const SETTINGS_SCREEN_WORDS: SettingWords = {
  subject(setting, origin) {
    const label = `“${fieldOf(setting).label}”`;
    // A value from the environment is not this screen's to change: say so without naming the variable.
    return origin?.source === 'env' ? `${label}, as given where the console was started (not on this screen),` : label;
  },
  name: (setting) => `“${fieldOf(setting).label}”`,
  whereToGive(setting) {
    const { part } = fieldOf(setting);
    return OWN_SCREENS.has(part) ? `on the ${part} screen` : `in Settings, under ${part}`;
  },
};

/** A settings problem in the screen's words; other errors as they are. */
export function inScreenWords(error: unknown): unknown {
  return error instanceof SettingsError ? new SettingsError(error.inWords(SETTINGS_SCREEN_WORDS), error.setting) : error;
}

// What the GUI may see of the settings (secrets only as set / not set), and how a change
// from it is checked and saved (the whole result is checked before the file is replaced).
import { PLAINTEXT_SECRETS_ACCEPTANCE, type SecretName, type SettingsPatch, type SettingsView } from '../domain';
import { caBundlePath, ENVIRONMENT_NAMES, ENVIRONMENTS, isNhsEnvironment } from '../mesh/environments';
import { buildSettings, type Settings } from './load-settings';
import { SECRET_NAMES } from './secrets-vault';
import { SettingsError } from './settings-error';
import { readSettingsFile, writeSettingsFile, type SettingsFile } from './settings-file';

/** The words an operator types to accept secrets stored without encryption (defined with the API). */
export const PLAINTEXT_ACCEPTANCE_WORDS = PLAINTEXT_SECRETS_ACCEPTANCE;

export interface SecretStatus {
  status(): Record<SecretName, boolean>;
  readonly encryptionAvailable: boolean;
}

function isPem(value: string | undefined): boolean {
  return value !== undefined && value.startsWith('-----BEGIN');
}

export function settingsView(settings: Settings, vault: SecretStatus, resourcesDir?: string): SettingsView {
  const stored = vault.status();
  const secrets = Object.fromEntries(
    SECRET_NAMES.map((name) => {
      const fromFile = name === 'privateKey' && settings.privateKeyFile !== undefined;
      return [name, stored[name] || settings.envSecrets[name] !== undefined || fromFile];
    }),
  ) as Record<SecretName, boolean>;
  return {
    environment: settings.environment,
    baseUrl: settings.baseUrl,
    mailbox: settings.mailbox,
    dpsMailbox: settings.dpsMailbox,
    dpsWorkflowId: settings.dpsWorkflowId,
    ...(settings.certificate && !isPem(settings.certificate) ? { certificatePath: settings.certificate } : {}),
    ...(settings.caBundle && !isPem(settings.caBundle) ? { caBundlePath: settings.caBundle } : {}),
    disableSslVerification: settings.disableSslVerification,
    localServerStrict: settings.localServerStrict,
    dataDir: settings.dataDir,
    ...(settings.inboundFolder ? { inboundFolder: settings.inboundFolder } : {}),
    jobsEnabled: settings.jobsEnabled,
    jobTimes: { ...settings.jobTimes },
    secrets,
    secretEncryption: vault.encryptionAvailable ? 'available' : 'unavailable',
    plaintextSecretsAccepted: settings.plaintextSecretsAccepted,
    environments: ENVIRONMENT_NAMES.map((name) => {
      const { label, baseUrl } = ENVIRONMENTS[name];
      return { name, label, ...(baseUrl ? { baseUrl } : {}) };
    }),
    ...(isNhsEnvironment(settings.environment) ? { defaultCaBundle: caBundlePath(settings.environment, resourcesDir) } : {}),
  };
}

/** A SettingsPatch plus the paths main chooses through its dialogs; null removes a setting. */
export interface SettingsChange extends SettingsPatch {
  certificatePath?: string | null;
  privateKeyPath?: string | null;
  caBundlePath?: string | null;
  inboundFolder?: string | null;
  recordUri?: string | null;
  /** settings.json `folders` as a whole (the Folders screen); null removes it. */
  folders?: SettingsFile['folders'] | null;
}

function set<K extends keyof SettingsFile>(file: SettingsFile, key: K, value: SettingsFile[K] | null | undefined): void {
  if (value === undefined) return;
  if (value === null || value === '') delete file[key];
  else file[key] = value;
}

function sameWords(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').replace(/[.!]$/, '').toLowerCase();
  return norm(a) === norm(b);
}

/** Applies a change to settings.json: checked as a whole (with the environment on top), then written atomically. */
export async function applySettingsChange(
  dataDir: string,
  change: SettingsChange,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Settings> {
  const file: SettingsFile = { ...(await readSettingsFile(dataDir)) };
  if (change.environment !== undefined) {
    file.environment = change.environment;
    // An NHS environment has its own address, and local without an address is the embedded server.
    if (change.baseUrl === undefined && (isNhsEnvironment(change.environment) || change.environment === 'local')) delete file.base_url;
  }
  set(file, 'base_url', change.baseUrl);
  set(file, 'mailbox', change.mailbox);
  set(file, 'dps_mailbox', change.dpsMailbox);
  set(file, 'dps_workflow_id', change.dpsWorkflowId);
  set(file, 'record_uri', change.recordUri);
  set(file, 'certificate', change.certificatePath);
  set(file, 'private_key', change.privateKeyPath);
  set(file, 'ca_bundle', change.caBundlePath);
  if (change.resetCaBundle) delete file.ca_bundle;
  set(file, 'inbound_folder', change.inboundFolder);
  if (change.folders === null) delete file.folders;
  else if (change.folders !== undefined) file.folders = change.folders;
  if (change.disableSslVerification !== undefined) file.disable_ssl_verification = change.disableSslVerification;
  if (change.localServerStrict !== undefined) file.local_server_strict = change.localServerStrict;
  if (change.jobsEnabled !== undefined) file.mesh_jobs = change.jobsEnabled;
  if (change.jobTimes) {
    const times = { ...file.job_times };
    if (change.jobTimes.handshake !== undefined) times.handshake = change.jobTimes.handshake;
    if (change.jobTimes.dpsExport !== undefined) times.dps_export = change.jobTimes.dpsExport;
    if (change.jobTimes.tracking !== undefined) times.tracking = change.jobTimes.tracking;
    if (change.jobTimes.inboxRefreshMinutes !== undefined) times.inbox_refresh_minutes = change.jobTimes.inboxRefreshMinutes;
    file.job_times = times;
  }
  if (change.acceptPlaintextSecrets !== undefined) {
    if (!sameWords(change.acceptPlaintextSecrets, PLAINTEXT_ACCEPTANCE_WORDS)) {
      throw new SettingsError(
        `To store secrets without encryption, type exactly: ${PLAINTEXT_ACCEPTANCE_WORDS}.`,
        'plaintext_secrets_accepted',
      );
    }
    file.plaintext_secrets_accepted = true;
  }
  const settings = buildSettings(file, env, dataDir);
  await writeSettingsFile(dataDir, file);
  return settings;
}

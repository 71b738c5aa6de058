// The console's settings: settings.json in the data folder, overridden by MESH_* environment
// variables, checked section by section (check-*.ts). Each problem is one sentence naming the
// setting and where it came from (the variable, or the file); a secret's value is never repeated.
import { resolve } from 'node:path';
import type { EnvironmentName, FolderSettings, JobTimes, SecretName } from '../domain';
import { checkCertificates } from './check-certificates';
import { checkConnection } from './check-connection';
import { checkDps } from './check-dps';
import { checkFolders } from './check-folders';
import { checkJobTimes } from './check-jobs';
import { defaultDataDir } from './data-dir';
import { fromFile, SettingReader, type SettingSource } from './setting-reader';
import { readSettingsFile, settingsFilePath, type SettingsFile } from './settings-file';

export { DEFAULT_DPS_WORKFLOW_ID, DEFAULT_RECORD_URI } from './check-dps';
export { checkFolders } from './check-folders';
export { ENV_VARIABLES, type SettingSource } from './setting-reader';

/** The local MESH server's mailboxes (docs/mesh-protocol.md, "Local mailboxes and workflows"). */
export const LOCAL_DEFAULTS = { mailbox: 'X26ABC1', dpsMailbox: 'X26ABC2', password: 'password', sharedKey: 'TestKey' } as const;

export interface Settings {
  environment: EnvironmentName;
  /** The MESH base URL; empty when the console starts its own local server (see embeddedServer). */
  baseUrl: string;
  /** True when the console runs its own MESH server in-process (local, no base URL given). */
  embeddedServer: boolean;
  /** The embedded server enforces what NHS MESH does and the official sandbox does not (its strict mode). */
  localServerStrict: boolean;
  mailbox: string;
  dpsMailbox: string;
  dpsWorkflowId: string;
  recordUri: string;
  /** The client certificate: a PEM file's absolute path, or PEM text (from MESH_CERT). */
  certificate?: string;
  /** A path to the private key's PEM file (settings.json or MESH_KEY); PEM text from MESH_KEY is in envSecrets. */
  privateKeyFile?: string;
  /** The CA bundle: a PEM file's absolute path, or PEM text. */
  caBundle?: string;
  disableSslVerification: boolean;
  dataDir: string;
  inboundFolder?: string;
  /** The mailbox folders, when set (settings.json `folders`). */
  folders?: FolderSettings;
  jobsEnabled: boolean;
  jobTimes: JobTimes;
  plaintextSecretsAccepted: boolean;
  /** Secrets given through the environment (they win over the vault and the secrets file). */
  envSecrets: Partial<Record<SecretName, string>>;
  /** Where each setting came from, by its settings.json name. */
  sources: Record<string, SettingSource>;
}

export interface LoadSettingsOptions {
  env?: NodeJS.ProcessEnv;
  /** Default: MESH_DATA_DIR, else the platform's app data folder. */
  dataDir?: string;
  platform?: NodeJS.Platform;
  home?: string;
}

/** Checks and combines settings.json and the environment. Throws SettingsError with one sentence. */
export function buildSettings(file: SettingsFile, env: NodeJS.ProcessEnv, dataDir: string): Settings {
  const filePath = settingsFilePath(dataDir);
  const r = new SettingReader(env, filePath);
  const connection = checkConnection(r, file);
  const { environment } = connection;
  const dps = checkDps(r, file);
  const certificates = checkCertificates(r, file, env, dataDir, connection);

  const inboundFolder = file.inbound_folder?.trim() ? resolve(dataDir, file.inbound_folder.trim()) : undefined;
  r.note('inbound_folder', fromFile(file.inbound_folder));
  const folders = checkFolders(file.folders, dataDir, filePath);
  r.note('folders', fromFile(file.folders));
  const jobTimes = checkJobTimes(r, file);

  return {
    environment,
    baseUrl: connection.baseUrl,
    embeddedServer: connection.embeddedServer,
    localServerStrict: connection.localServerStrict,
    mailbox: connection.mailbox ?? (environment === 'local' ? LOCAL_DEFAULTS.mailbox : ''),
    dpsMailbox: dps.dpsMailbox ?? (environment === 'local' ? LOCAL_DEFAULTS.dpsMailbox : ''),
    dpsWorkflowId: dps.dpsWorkflowId,
    recordUri: dps.recordUri,
    ...certificates,
    dataDir,
    ...(inboundFolder ? { inboundFolder } : {}),
    ...(folders ? { folders } : {}),
    jobsEnabled: file.mesh_jobs ?? false,
    jobTimes,
    plaintextSecretsAccepted: file.plaintext_secrets_accepted ?? false,
    sources: r.sources,
  };
}

/** Reads settings.json from the data folder and applies the environment on top. */
export async function loadSettings(options: LoadSettingsOptions = {}): Promise<Settings> {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? defaultDataDir(env, options.platform, options.home);
  const file = await readSettingsFile(dataDir);
  return buildSettings(file, env, dataDir);
}

// The console's settings: settings.json in the data folder, overridden by MESH_* environment
// variables, checked value by value. Each problem is one sentence naming the setting and where
// it came from (the variable, or the file); a secret's value is never repeated.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { notAMailboxId, parseMailboxId, type EnvironmentName, type FolderSettings, type JobTimes, type SecretName } from '../domain';
import { DEFAULT_JOB_TIMES, MIN_INBOX_REFRESH_MINUTES } from '../jobs/default-jobs';
import { checkCron, dailyAt } from '../jobs/schedule';
import { ENVIRONMENTS, isEnvironmentName, isLoopbackHost, isNhsEnvironment, nhsEnvironmentOf } from '../mesh/environments';
import { defaultDataDir } from './data-dir';
import { SettingsError } from './settings-error';
import { readSettingsFile, settingsFilePath, type SettingsFile } from './settings-file';

export const DEFAULT_DPS_WORKFLOW_ID = 'dps export';
export const DEFAULT_RECORD_URI = 'https://manage-vaccinations-in-schools.nhs.uk/vaccination-records';
/** The local MESH server's mailboxes (docs/mesh-protocol.md, "Local mailboxes and workflows"). */
export const LOCAL_DEFAULTS = { mailbox: 'X26ABC1', dpsMailbox: 'X26ABC2', password: 'password', sharedKey: 'TestKey' } as const;

export type SettingSource = 'default' | 'file' | 'env';

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

type EnvVariable = keyof typeof ENV_VARIABLES;

interface Value<T> {
  value: T;
  source: SettingSource;
  envVar?: EnvVariable;
}

function envValue(env: NodeJS.ProcessEnv, name: EnvVariable): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

class Reader {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly filePath: string,
  ) {}

  /** A setting from the environment variable when set, else from the file. */
  pick<T>(setting: string, envVar: EnvVariable | undefined, fromFile: T | undefined): Value<T | string> | undefined {
    const fromEnv = envVar ? envValue(this.env, envVar) : undefined;
    if (fromEnv !== undefined) return { value: fromEnv, source: 'env', envVar };
    if (fromFile !== undefined) return { value: fromFile, source: 'file' };
    return undefined;
  }

  /** `The setting X (from MESH_X)` or `The setting X in /path/settings.json`. */
  name(setting: string, value?: Value<unknown>): string {
    if (value?.source === 'env') return `The setting ${setting} (from ${value.envVar})`;
    if (value?.source === 'file') return `The setting ${setting} in ${this.filePath}`;
    return `The setting ${setting}`;
  }
}

function fail(message: string, setting: string, value?: Value<unknown>): never {
  throw new SettingsError(message, setting, value?.envVar);
}

function parseBoolean(reader: Reader, setting: string, value: Value<boolean | string> | undefined): boolean | undefined {
  if (!value) return undefined;
  if (typeof value.value === 'boolean') return value.value;
  const word = value.value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(word)) return true;
  if (['0', 'false', 'no', 'off'].includes(word)) return false;
  fail(`${reader.name(setting, value)} must be true or false.`, setting, value);
}

function checkMailbox(reader: Reader, setting: string, value: Value<string> | undefined): string | undefined {
  if (!value) return undefined;
  const id = parseMailboxId(value.value);
  if (!id) fail(notAMailboxId(value.value, reader.name(setting, value)), setting, value);
  return id;
}

function checkUrl(reader: Reader, setting: string, value: Value<string>, example: string): URL {
  let url: URL;
  try {
    url = new URL(value.value.trim());
  } catch {
    fail(`${reader.name(setting, value)} is not a web address; give one like ${example}.`, setting, value);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail(`${reader.name(setting, value)} must start with https://, like ${example}.`, setting, value);
  }
  if (url.username || url.password) {
    fail(`${reader.name(setting, value)} must not carry a user name or password; give the address alone, like ${example}.`, setting, value);
  }
  if (url.search || url.hash) {
    fail(
      `${reader.name(setting, value)} must not have a query or fragment (? or #); give the address alone, like ${example}.`,
      setting,
      value,
    );
  }
  return url;
}

/** A PEM setting: PEM text, or a path (relative paths from the file are relative to the data folder). */
function checkPem(
  reader: Reader,
  setting: string,
  value: Value<string> | undefined,
  base: string,
  what: string,
  secret: boolean,
): string | undefined {
  if (!value) return undefined;
  const text = value.value.trim();
  if (text.startsWith('-----BEGIN')) return text + '\n';
  if (text.includes('-----BEGIN')) {
    fail(
      `${reader.name(setting, value)} looks like PEM text that does not start with its -----BEGIN line; give the ` +
        `whole PEM or a file's path.`,
      setting,
      value,
    );
  }
  if (secret && /\s/.test(text) && !existsSync(text)) {
    // Never repeat what might be a mangled key.
    fail(`${reader.name(setting, value)} is neither PEM text nor the path of a file; give the ${what}'s PEM file path.`, setting, value);
  }
  const path = isAbsolute(text) ? text : resolve(value.source === 'file' ? base : process.cwd(), text);
  let isFile = false;
  // A secret setting's value is never repeated, not even as a path: it may be a mangled key.
  const shown = secret ? 'a file' : path;
  try {
    isFile = statSync(path).isFile();
  } catch {
    fail(`${reader.name(setting, value)} names ${shown}, which does not exist; give the path of the ${what} (PEM).`, setting, value);
  }
  if (!isFile)
    fail(`${reader.name(setting, value)} names ${shown}, which is not a file; give the path of the ${what} (PEM).`, setting, value);
  return path;
}

function checkJobTime(reader: Reader, setting: string, value: Value<string> | undefined, fallback: string): string {
  if (!value) return fallback;
  const text = value.value.trim();
  if (/^\d{1,2}:\d{2}$/.test(text)) {
    const [h, m] = text.split(':').map(Number) as [number, number];
    if (h > 23 || m > 59) fail(`${reader.name(setting, value)} is not a time of day; give it as HH:MM, like 02:00.`, setting, value);
    return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  }
  try {
    checkCron(dailyAt(text));
  } catch {
    fail(`${reader.name(setting, value)} is neither a time (HH:MM, like 02:00) nor a cron pattern (like 0 2 * * *).`, setting, value);
  }
  return text;
}

/** settings.json `folders`: every problem one sentence naming `folders.<key>`. */
export function checkFolders(folders: SettingsFile['folders'], dataDir: string, filePath: string): FolderSettings | undefined {
  if (folders === undefined) return undefined;
  const bad = (key: string, what: string): never => {
    throw new SettingsError(`The setting folders.${key} in ${filePath} ${what}`, `folders.${key}`);
  };
  const path = (key: 'out' | 'in' | 'sent' | 'failed'): string | undefined => {
    const value = folders[key]?.trim();
    return value ? resolve(dataDir, value) : undefined;
  };
  const out = path('out') ?? bad('out', "is missing: give the folder whose files are sent (the Java MESH client's OUT).");
  const inbox = path('in') ?? bad('in', "is missing: give the folder that receives messages (the Java MESH client's IN).");
  const sent = path('sent') ?? join(dirname(out), 'SENT');
  const failed = path('failed') ?? join(dirname(out), 'FAILED');
  const named = { out, in: inbox, sent, failed };
  const entries = Object.entries(named);
  for (const [index, [key, dir]] of entries.entries()) {
    const same = entries.slice(0, index).find(([, otherDir]) => otherDir === dir);
    if (same) bad(key, `is the same folder as folders.${same[0]} (${dir}); each of OUT, IN, SENT and FAILED needs its own.`);
  }
  const layout = (folders.layout ?? 'java').trim().toLowerCase();
  if (layout !== 'java' && layout !== 'plain') {
    bad('layout', 'must be java (name.dat with name.ctl, as the Java MESH client) or plain (the files under their own names).');
  }
  const filter = folders.workflow_filter?.trim();
  if (filter !== undefined && filter !== '' && !/^[\x20-\x7e]{2,255}$/.test(filter)) {
    bad('workflow_filter', 'must be a MESH workflow filter of 2 to 255 printable characters, like WF, !WF, WF* or *WF*.');
  }
  const to = folders.to?.trim();
  const workflow = folders.send_workflow?.trim();
  if (Boolean(to) !== Boolean(workflow)) {
    bad(to ? 'send_workflow' : 'to', 'is missing: the folder rule needs both a recipient (to) and a workflow (send_workflow), or neither.');
  }
  let rule: FolderSettings['rule'];
  if (to && workflow) {
    const mailbox = parseMailboxId(to);
    if (!mailbox) bad('to', `is "${to}", which is not a MESH mailbox id (like X26ABC2).`);
    if (!/^[\x20-\x7e]{1,255}$/.test(workflow)) bad('send_workflow', 'must be 1 to 255 printable characters, like TEST_WORKFLOW.');
    rule = { to: mailbox!, workflowId: workflow };
  }
  return {
    out,
    in: inbox,
    sent,
    failed,
    layout: layout as FolderSettings['layout'],
    ...(filter ? { workflowFilter: filter } : {}),
    ...(rule ? { rule } : {}),
  };
}

/** Checks and combines settings.json and the environment. Throws SettingsError with one sentence. */
export function buildSettings(file: SettingsFile, env: NodeJS.ProcessEnv, dataDir: string): Settings {
  const filePath = settingsFilePath(dataDir);
  const r = new Reader(env, filePath);
  const sources: Record<string, SettingSource> = {};
  const note = (setting: string, value: Value<unknown> | undefined) => {
    sources[setting] = value?.source ?? 'default';
  };

  // Environment and base URL.
  const envChoice = r.pick('environment', 'MESH_ENV', file.environment) as Value<string> | undefined;
  note('environment', envChoice);
  let environment: EnvironmentName | undefined;
  if (envChoice) {
    const word = envChoice.value.trim().toLowerCase();
    if (!isEnvironmentName(word)) {
      fail(
        `${r.name('environment', envChoice)} must be one of local, integration, deployment, production or custom.`,
        'environment',
        envChoice,
      );
    }
    environment = word as EnvironmentName;
  }
  const baseChoice = r.pick('base_url', 'MESH_BASE_URL', file.base_url) as Value<string> | undefined;
  note('base_url', baseChoice);
  let baseUrl = '';
  let baseHost: string | undefined;
  if (baseChoice) {
    const url = checkUrl(r, 'base_url', baseChoice, 'https://msg.intspineservices.nhs.uk');
    baseUrl = url.toString().replace(/\/+$/, '');
    baseHost = url.hostname;
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      fail(
        `${r.name('base_url', baseChoice)} uses plain http://, which is allowed only for a MESH server on this machine; use https://.`,
        'base_url',
        baseChoice,
      );
    }
  }

  const mailboxValue = r.pick('mailbox', 'MESH_MAILBOX', file.mailbox) as Value<string> | undefined;
  note('mailbox', mailboxValue);
  const mailbox = checkMailbox(r, 'mailbox', mailboxValue);

  if (!environment) {
    if (baseUrl) environment = nhsEnvironmentOf(baseUrl) ?? 'custom';
    else if (mailbox) {
      fail(
        `The setting environment is missing: a mailbox is configured, so say which MESH it belongs to (local, ` +
          `integration, deployment or production) in MESH_ENV or settings.json, or give base_url.`,
        'environment',
      );
    } else environment = 'local';
  }

  if (isNhsEnvironment(environment)) {
    const expected = ENVIRONMENTS[environment].baseUrl;
    if (baseUrl && baseUrl.toLowerCase() !== expected) {
      fail(
        `${r.name('base_url', baseChoice)} is ${baseUrl}, not the ${environment} address ${expected}; remove base_url ` +
          `or set environment to custom.`,
        'base_url',
        baseChoice,
      );
    }
    baseUrl = expected;
    baseHost = new URL(expected).hostname;
  } else if (environment === 'custom' && !baseUrl) {
    fail(
      `The setting base_url is missing: the custom environment needs the MESH server's address (MESH_BASE_URL or ` +
        `base_url in settings.json).`,
      'base_url',
    );
  } else if (environment === 'local' && baseHost && !isLoopbackHost(baseHost)) {
    fail(
      `${r.name('base_url', baseChoice)} is not on this machine, so it is not a local MESH server; set environment ` +
        `to custom for another server.`,
      'base_url',
      baseChoice,
    );
  }
  const embeddedServer = environment === 'local' && !baseUrl;
  const strictValue = r.pick('local_server_strict', 'MESH_LOCAL_SERVER_STRICT', file.local_server_strict) as
    Value<boolean | string> | undefined;
  note('local_server_strict', strictValue);
  // On unless turned off: the embedded server is where an operator rehearses, so it refuses what NHS MESH refuses.
  const localServerStrict = parseBoolean(r, 'local_server_strict', strictValue) ?? true;

  if (isNhsEnvironment(environment) || environment === 'custom') {
    if (!mailbox) {
      fail(`The setting mailbox is missing: give your MESH mailbox id for ${environment} in MESH_MAILBOX or settings.json.`, 'mailbox');
    }
  }

  const dpsValue = r.pick('dps_mailbox', 'MESH_DPS_MAILBOX', file.dps_mailbox) as Value<string> | undefined;
  note('dps_mailbox', dpsValue);
  const dpsMailbox = checkMailbox(r, 'dps_mailbox', dpsValue);

  const workflowValue = r.pick('dps_workflow_id', undefined, file.dps_workflow_id) as Value<string> | undefined;
  note('dps_workflow_id', workflowValue);
  const dpsWorkflowId = workflowValue ? workflowValue.value.trim() : DEFAULT_DPS_WORKFLOW_ID;
  if (!/^[\x20-\x7e]{1,255}$/.test(dpsWorkflowId)) {
    fail(
      `${r.name('dps_workflow_id', workflowValue)} must be 1 to 255 printable characters, like ${DEFAULT_DPS_WORKFLOW_ID}.`,
      'dps_workflow_id',
      workflowValue,
    );
  }

  const uriValue = r.pick('record_uri', undefined, file.record_uri) as Value<string> | undefined;
  note('record_uri', uriValue);
  const recordUri = uriValue ? checkUrl(r, 'record_uri', uriValue, DEFAULT_RECORD_URI).toString() : DEFAULT_RECORD_URI;

  // Certificates and keys.
  const certValue = r.pick('certificate', 'MESH_CERT', file.certificate) as Value<string> | undefined;
  note('certificate', certValue);
  const certificate = checkPem(r, 'certificate', certValue, dataDir, 'client certificate', false);
  const caValue = r.pick('ca_bundle', 'MESH_CA_BUNDLE', file.ca_bundle) as Value<string> | undefined;
  note('ca_bundle', caValue);
  const caBundle = checkPem(r, 'ca_bundle', caValue, dataDir, 'CA bundle', false);
  const keyValue = r.pick('private_key', 'MESH_KEY', file.private_key) as Value<string> | undefined;
  note('private_key', keyValue);
  const keyPem = checkPem(r, 'private_key', keyValue, dataDir, 'private key', true);
  const envSecrets: Partial<Record<SecretName, string>> = {};
  let privateKeyFile: string | undefined;
  if (keyPem?.startsWith('-----BEGIN')) {
    if (!/PRIVATE KEY-----/.test(keyPem))
      fail(`${r.name('private_key', keyValue)} is PEM text but not a private key; give the key's PEM.`, 'private_key', keyValue);
    envSecrets.privateKey = keyPem;
  } else if (keyPem) privateKeyFile = keyPem;

  const password = envValue(env, 'MESH_PASSWORD');
  if (password !== undefined) envSecrets.password = password;
  const sharedKey = envValue(env, 'MESH_SHARED_KEY');
  if (sharedKey !== undefined) envSecrets.sharedKey = sharedKey;
  const passphrase = envValue(env, 'MESH_KEY_PASSPHRASE');
  if (passphrase !== undefined) envSecrets.privateKeyPassphrase = passphrase;

  const sslValue = r.pick('disable_ssl_verification', 'MESH_DISABLE_SSL_VERIFICATION', file.disable_ssl_verification) as
    Value<boolean | string> | undefined;
  note('disable_ssl_verification', sslValue);
  const disableSslVerification = parseBoolean(r, 'disable_ssl_verification', sslValue) ?? false;
  if (disableSslVerification && !embeddedServer && !(baseHost && isLoopbackHost(baseHost))) {
    fail(
      `${r.name('disable_ssl_verification', sslValue)} is refused for ${baseUrl}: server verification may be turned ` +
        `off only for a local MESH server on this machine (127.0.0.1, ::1 or localhost).`,
      'disable_ssl_verification',
      sslValue,
    );
  }

  // Folders, jobs and the plaintext acceptance.
  let inboundFolder: string | undefined;
  if (file.inbound_folder !== undefined && file.inbound_folder.trim()) {
    inboundFolder = resolve(dataDir, file.inbound_folder.trim());
  }
  note('inbound_folder', file.inbound_folder === undefined ? undefined : { value: file.inbound_folder, source: 'file' });

  const folders = checkFolders(file.folders, dataDir, filePath);
  note('folders', file.folders === undefined ? undefined : { value: file.folders, source: 'file' });

  const times = file.job_times ?? {};
  const timeValue = (v: string | undefined): Value<string> | undefined => (v === undefined ? undefined : { value: v, source: 'file' });
  const minutes = times.inbox_refresh_minutes ?? DEFAULT_JOB_TIMES.inboxRefreshMinutes;
  if (!Number.isInteger(minutes) || minutes < MIN_INBOX_REFRESH_MINUTES || minutes > 24 * 60) {
    fail(
      `The setting job_times.inbox_refresh_minutes in ${filePath} must be a whole number of minutes from ` +
        `${MIN_INBOX_REFRESH_MINUTES} to 1440; MESH asks that an inbox is not polled more often than every ` +
        `${MIN_INBOX_REFRESH_MINUTES} minutes.`,
      'job_times.inbox_refresh_minutes',
    );
  }
  const jobTimes: JobTimes = {
    handshake: checkJobTime(r, 'job_times.handshake', timeValue(times.handshake), DEFAULT_JOB_TIMES.handshake),
    dpsExport: checkJobTime(r, 'job_times.dps_export', timeValue(times.dps_export), DEFAULT_JOB_TIMES.dpsExport),
    tracking: checkJobTime(r, 'job_times.tracking', timeValue(times.tracking), DEFAULT_JOB_TIMES.tracking),
    inboxRefreshMinutes: minutes,
  };

  return {
    environment,
    baseUrl,
    embeddedServer,
    localServerStrict,
    mailbox: mailbox ?? (environment === 'local' ? LOCAL_DEFAULTS.mailbox : ''),
    dpsMailbox: dpsMailbox ?? (environment === 'local' ? LOCAL_DEFAULTS.dpsMailbox : ''),
    dpsWorkflowId,
    recordUri,
    ...(certificate ? { certificate } : {}),
    ...(privateKeyFile ? { privateKeyFile } : {}),
    ...(caBundle ? { caBundle } : {}),
    disableSslVerification,
    dataDir,
    ...(inboundFolder ? { inboundFolder } : {}),
    ...(folders ? { folders } : {}),
    jobsEnabled: file.mesh_jobs ?? false,
    jobTimes,
    plaintextSecretsAccepted: file.plaintext_secrets_accepted ?? false,
    envSecrets,
    sources,
  };
}

/** Reads settings.json from the data folder and applies the environment on top. */
export async function loadSettings(options: LoadSettingsOptions = {}): Promise<Settings> {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? defaultDataDir(env, options.platform, options.home);
  const file = await readSettingsFile(dataDir);
  return buildSettings(file, env, dataDir);
}

// Turns settings and secrets into what the MESH client needs: base URL, mailbox, password,
// shared key, certificate and key PEMs, passphrase, CA PEM and whether to verify the server.
// PEM files are read here; each problem is one sentence without any secret in it.
import { readFileSync } from 'node:fs';
import type { EnvironmentName, SecretName } from '../domain';
import { caBundlePath, ENVIRONMENTS, isLoopbackHost, isNhsEnvironment } from '../mesh/environments';
import type { MeshClientOptions } from '../mesh/types';
import { LOCAL_DEFAULTS, type Settings } from './load-settings';
import type { SecretSource } from './secrets-vault';
import { SettingsError } from './settings-error';

/** The connection fields the MESH client takes as they are; typed from its options so the two cannot drift. */
type ClientConnectionFields = Pick<
  MeshClientOptions,
  'baseUrl' | 'mailbox' | 'password' | 'sharedKey' | 'certificatePem' | 'privateKeyPem' | 'privateKeyPassphrase' | 'caPem'
>;

export interface MeshConnection extends ClientConnectionFields {
  environment: EnvironmentName;
  /** False only for a local server with verification turned off. */
  verifyServer: boolean;
  /** True for the console's own local MESH server (not NHS MESH). */
  sandbox: boolean;
}

/** The MESH client options a connection stands for: every client field passed on, verifyServer turned round. */
export function meshClientOptions(connection: MeshConnection): MeshClientOptions {
  const { environment: _environment, sandbox: _sandbox, verifyServer, ...clientFields } = connection;
  return { ...clientFields, disableSslVerification: !verifyServer };
}

export interface ResolveOptions {
  /** Where `ca/nhs-*-ca-bundle.pem` are (default: the repository's resources/). */
  resourcesDir?: string;
  /** The embedded local server, once started: needed when settings.embeddedServer. */
  embedded?: { url: string; certificatePem?: string };
}

/** PEM text as it is, or the contents of the file it names. */
export function readPem(value: string, what: string, options: { secret?: boolean } = {}): string {
  if (value.trimStart().startsWith('-----BEGIN')) return value;
  try {
    const text = readFileSync(value, 'utf8');
    if (!text.includes('-----BEGIN')) {
      throw new SettingsError(`The ${what} file ${value} holds no PEM (no -----BEGIN line); give a PEM file.`);
    }
    return text;
  } catch (error) {
    if (error instanceof SettingsError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new SettingsError(
      options.secret
        ? `The ${what} file cannot be read (${code}); check the path you gave for it.`
        : `The ${what} file ${value} cannot be read (${code}); check the path in Settings.`,
    );
  }
}

/** A setting that is not set: the command line's sentence names its variable too; on a screen, where in Settings it is. */
function missing(what: string, setting: string, where: string): never {
  throw new SettingsError(
    `The ${what} is not set: ${where}.`,
    setting,
    undefined,
    (w) => `The ${what} is not set: give it ${w.whereToGive(setting)}.`,
  );
}

export function resolveConnection(settings: Settings, secrets: SecretSource, options: ResolveOptions = {}): MeshConnection {
  const secret = (name: SecretName): string | undefined => settings.envSecrets[name] ?? secrets.get(name);
  const local = settings.environment === 'local';

  let baseUrl = settings.baseUrl;
  let caPem: string | undefined;
  if (settings.embeddedServer) {
    if (!options.embedded) throw new Error('The embedded MESH server must be started before its connection is resolved.');
    baseUrl = options.embedded.url;
    caPem = options.embedded.certificatePem;
  }

  const password = secret('password') ?? (local ? LOCAL_DEFAULTS.password : undefined);
  if (!password) missing(`password of mailbox ${settings.mailbox}`, 'password', 'set it in Settings, or give MESH_PASSWORD');
  const sharedKey = secret('sharedKey') ?? (local ? LOCAL_DEFAULTS.sharedKey : undefined);
  if (!sharedKey) missing(`shared key for ${settings.environment}`, 'shared_key', 'set it in Settings, or give MESH_SHARED_KEY');

  const certificatePem = settings.certificate ? readPem(settings.certificate, 'client certificate') : undefined;
  // MESH_KEY (text or path) wins, then the CLI secrets file or the vault, then settings.json's path.
  const keyFromEnv = settings.envSecrets.privateKey ?? (settings.sources.private_key === 'env' ? settings.privateKeyFile : undefined);
  const keySetting = keyFromEnv ?? secrets.get('privateKey') ?? settings.privateKeyFile;
  const privateKeyPem = keySetting ? readPem(keySetting, 'private key', { secret: true }) : undefined;
  if (isNhsEnvironment(settings.environment)) {
    const label = ENVIRONMENTS[settings.environment].label;
    if (!certificatePem) missing(`client certificate for ${label}`, 'certificate', 'choose it in Settings, or give MESH_CERT');
    if (!privateKeyPem) missing(`private key for ${label}`, 'private_key', 'choose it in Settings, or give MESH_KEY');
  }
  if (certificatePem && !privateKeyPem)
    missing('private key that goes with the client certificate', 'private_key', 'choose it in Settings, or give MESH_KEY');
  if (privateKeyPem && !certificatePem)
    missing('client certificate that goes with the private key', 'certificate', 'choose it in Settings, or give MESH_CERT');
  const privateKeyPassphrase = secret('privateKeyPassphrase');
  if (privateKeyPem && /ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(privateKeyPem) && !privateKeyPassphrase) {
    missing(
      'passphrase of the private key (the key is encrypted)',
      'private_key_passphrase',
      'set it in Settings, or give MESH_KEY_PASSPHRASE',
    );
  }

  if (settings.caBundle) caPem = readPem(settings.caBundle, 'CA bundle');
  else if (isNhsEnvironment(settings.environment))
    caPem = readPem(caBundlePath(settings.environment, options.resourcesDir), 'NHS CA bundle');

  const host = new URL(baseUrl).hostname;
  const verifyServer = !(settings.disableSslVerification && (settings.embeddedServer || isLoopbackHost(host)));

  return {
    environment: settings.environment,
    baseUrl,
    mailbox: settings.mailbox,
    password,
    sharedKey,
    ...(certificatePem ? { certificatePem } : {}),
    ...(privateKeyPem ? { privateKeyPem } : {}),
    ...(privateKeyPassphrase ? { privateKeyPassphrase } : {}),
    ...(caPem ? { caPem } : {}),
    verifyServer,
    sandbox: local,
  };
}

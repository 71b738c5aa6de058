// The certificate section of the settings: the client certificate, its private key, the CA
// bundle, the secrets given through the environment, and whether the server is verified (always,
// but for a local server on this machine).
import type { SecretName } from '../domain';
import { isLoopbackHost } from '../mesh/environments';
import type { ConnectionSettings } from './check-connection';
import { checkPem, parseBoolean } from './check-values';
import { envValue, type SettingReader, type Value } from './setting-reader';
import type { SettingsFile } from './settings-file';

export interface CertificateSettings {
  certificate?: string;
  privateKeyFile?: string;
  caBundle?: string;
  disableSslVerification: boolean;
  envSecrets: Partial<Record<SecretName, string>>;
}

export function checkCertificates(
  r: SettingReader,
  file: SettingsFile,
  env: NodeJS.ProcessEnv,
  dataDir: string,
  connection: ConnectionSettings,
): CertificateSettings {
  const certValue = r.pick('certificate', 'MESH_CERT', file.certificate) as Value<string> | undefined;
  const certificate = checkPem(r, 'certificate', certValue, dataDir, 'client certificate', false);
  const caValue = r.pick('ca_bundle', 'MESH_CA_BUNDLE', file.ca_bundle) as Value<string> | undefined;
  const caBundle = checkPem(r, 'ca_bundle', caValue, dataDir, 'CA bundle', false);
  const keyValue = r.pick('private_key', 'MESH_KEY', file.private_key) as Value<string> | undefined;
  const keyPem = checkPem(r, 'private_key', keyValue, dataDir, 'private key', true);
  const envSecrets: Partial<Record<SecretName, string>> = {};
  let privateKeyFile: string | undefined;
  if (keyPem?.startsWith('-----BEGIN')) {
    if (!/PRIVATE KEY-----/.test(keyPem))
      r.fail(
        'private_key',
        keyValue,
        (w) => `${w.subject('private_key', keyValue)} is PEM text but not a private key; give the key's PEM.`,
      );
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
  const disableSslVerification = parseBoolean(r, 'disable_ssl_verification', sslValue) ?? false;
  const { embeddedServer, baseHost, baseUrl } = connection;
  if (disableSslVerification && !embeddedServer && !(baseHost && isLoopbackHost(baseHost))) {
    r.fail(
      'disable_ssl_verification',
      sslValue,
      (w) =>
        `${w.subject('disable_ssl_verification', sslValue)} is refused for ${baseUrl}: server verification may be turned ` +
        `off only for a local MESH server on this machine (127.0.0.1, ::1 or localhost).`,
    );
  }
  return {
    ...(certificate ? { certificate } : {}),
    ...(privateKeyFile ? { privateKeyFile } : {}),
    ...(caBundle ? { caBundle } : {}),
    disableSslVerification,
    envSecrets,
  };
}

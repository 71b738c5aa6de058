// The connection section of the settings: which MESH (environment and base URL) and which mailbox.
// An NHS environment has its own address; local without one is the console's own server.
import type { EnvironmentName } from '../domain';
import { ENVIRONMENTS, isEnvironmentName, isLoopbackHost, isNhsEnvironment, nhsEnvironmentOf } from '../mesh/environments';
import { checkMailbox, checkUrl, parseBoolean } from './check-values';
import type { SettingReader, Value } from './setting-reader';
import type { SettingsFile } from './settings-file';
import type { SettingWords } from './setting-words';

export interface ConnectionSettings {
  environment: EnvironmentName;
  /** Empty when the console starts its own local server. */
  baseUrl: string;
  /** The base URL's host, when there is one. */
  baseHost?: string;
  embeddedServer: boolean;
  /** The embedded server enforces what NHS MESH does and the official sandbox does not (its strict mode). */
  localServerStrict: boolean;
  mailbox?: string;
}

export function checkConnection(r: SettingReader, file: SettingsFile): ConnectionSettings {
  const envChoice = r.pick('environment', 'MESH_ENV', file.environment) as Value<string> | undefined;
  let environment: EnvironmentName | undefined;
  if (envChoice) {
    const word = envChoice.value.trim().toLowerCase();
    if (!isEnvironmentName(word)) {
      r.fail(
        'environment',
        envChoice,
        (w) => `${w.subject('environment', envChoice)} must be one of local, integration, deployment, production or custom.`,
      );
    }
    environment = word;
  }
  const baseChoice = r.pick('base_url', 'MESH_BASE_URL', file.base_url) as Value<string> | undefined;
  const base = (w: SettingWords) => w.subject('base_url', baseChoice);
  let baseUrl = '';
  let baseHost: string | undefined;
  if (baseChoice) {
    const url = checkUrl(r, 'base_url', baseChoice, 'https://msg.intspineservices.nhs.uk');
    baseUrl = url.toString().replace(/\/+$/, '');
    baseHost = url.hostname;
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      r.fail(
        'base_url',
        baseChoice,
        (w) => `${base(w)} uses plain http://, which is allowed only for a MESH server on this machine; use https://.`,
      );
    }
  }

  const mailboxValue = r.pick('mailbox', 'MESH_MAILBOX', file.mailbox) as Value<string> | undefined;
  const mailbox = checkMailbox(r, 'mailbox', mailboxValue);

  if (!environment) {
    if (baseUrl) environment = nhsEnvironmentOf(baseUrl) ?? 'custom';
    else if (mailbox) {
      r.fail(
        'environment',
        undefined,
        (w) =>
          `${w.subject('environment')} is missing: a mailbox is configured, so say which MESH it belongs to (local, ` +
          `integration, deployment or production) ${w.whereToGive('environment')}, or give ${w.name('base_url')}.`,
      );
    } else environment = 'local';
  }

  if (isNhsEnvironment(environment)) {
    const expected = ENVIRONMENTS[environment].baseUrl;
    if (baseUrl && baseUrl.toLowerCase() !== expected) {
      const name = environment;
      r.fail(
        'base_url',
        baseChoice,
        (w) =>
          `${base(w)} is ${baseUrl}, not the ${name} address ${expected}; remove ${w.name('base_url')} or set ` +
          `${w.name('environment')} to custom.`,
      );
    }
    baseUrl = expected;
    baseHost = new URL(expected).hostname;
  } else if (environment === 'custom' && !baseUrl) {
    r.fail(
      'base_url',
      undefined,
      (w) => `${w.subject('base_url')} is missing: the custom environment needs the MESH server's address ${w.whereToGive('base_url')}.`,
    );
  } else if (environment === 'local' && baseHost && !isLoopbackHost(baseHost)) {
    r.fail(
      'base_url',
      baseChoice,
      (w) =>
        `${base(w)} is not on this machine, so it is not a local MESH server; set ${w.name('environment')} to custom for another server.`,
    );
  }

  const strictValue = r.pick('local_server_strict', 'MESH_LOCAL_SERVER_STRICT', file.local_server_strict) as
    Value<boolean | string> | undefined;
  // On unless turned off: the embedded server is where an operator rehearses, so it refuses what NHS MESH refuses.
  const localServerStrict = parseBoolean(r, 'local_server_strict', strictValue) ?? true;

  if ((isNhsEnvironment(environment) || environment === 'custom') && !mailbox) {
    const name = environment;
    r.fail(
      'mailbox',
      undefined,
      (w) => `${w.subject('mailbox')} is missing: give your MESH mailbox id for ${name} ${w.whereToGive('mailbox')}.`,
    );
  }
  return {
    environment,
    baseUrl,
    ...(baseHost ? { baseHost } : {}),
    embeddedServer: environment === 'local' && !baseUrl,
    localServerStrict,
    ...(mailbox ? { mailbox } : {}),
  };
}

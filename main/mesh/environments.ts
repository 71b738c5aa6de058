// The MESH environments the console knows, in one place for the MESH client and the settings:
// the embedded local server, NHS England's three (each with its fixed base URL, the CA bundle
// that signs its servers and its older HSCN host names), or any other base URL; and which hosts
// are this machine.
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Same names as the domain's EnvironmentName. */
export type MeshEnvironmentName = 'local' | 'integration' | 'deployment' | 'production' | 'custom';
/** NHS England's environments: a fixed base URL and CA bundle each. */
export type NhsEnvironment = 'integration' | 'deployment' | 'production';

export interface MeshEnvironment {
  name: MeshEnvironmentName;
  label: string;
  /** Fixed for the NHS environments; given at runtime for local and custom. */
  baseUrl?: string;
  /** File name under resources/ca/. */
  caBundleFile?: string;
  /** Older hosts of the same environment (HSCN), recognised but not offered. */
  aliases?: string[];
}

export interface NhsMeshEnvironment extends MeshEnvironment {
  name: NhsEnvironment;
  baseUrl: string;
  caBundleFile: string;
  aliases: string[];
}

type EnvironmentTable = { readonly [K in MeshEnvironmentName]: K extends NhsEnvironment ? NhsMeshEnvironment : MeshEnvironment };

export const ENVIRONMENTS: EnvironmentTable = {
  local: { name: 'local', label: 'Local MESH server (this computer)' },
  integration: {
    name: 'integration',
    label: 'Integration (INT)',
    baseUrl: 'https://msg.intspineservices.nhs.uk',
    caBundleFile: 'nhs-int-ca-bundle.pem',
    aliases: ['msg.int.spine2.ncrs.nhs.uk'],
  },
  deployment: {
    name: 'deployment',
    label: 'Deployment (DEP)',
    baseUrl: 'https://msg.depspineservices.nhs.uk',
    caBundleFile: 'nhs-dep-ca-bundle.pem',
    aliases: ['msg.dep.spine2.ncrs.nhs.uk'],
  },
  production: {
    name: 'production',
    label: 'Production (LIVE)',
    baseUrl: 'https://mesh-sync.spineservices.nhs.uk',
    caBundleFile: 'nhs-live-ca-bundle.pem',
    aliases: ['mesh-sync.national.ncrs.nhs.uk'],
  },
  custom: { name: 'custom', label: 'Custom base URL' },
};

export const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as MeshEnvironmentName[];
export const NHS_ENVIRONMENT_NAMES: readonly NhsEnvironment[] = ['integration', 'deployment', 'production'];

export function isEnvironmentName(value: string): value is MeshEnvironmentName {
  return (ENVIRONMENT_NAMES as string[]).includes(value);
}

export function isNhsEnvironment(name: string): name is NhsEnvironment {
  return (NHS_ENVIRONMENT_NAMES as readonly string[]).includes(name);
}

/**
 * Whether a host is this machine: `localhost`, an IPv4 address in 127.0.0.0/8, or ::1 (in any
 * of its spellings, with or without brackets). Nothing else: not other `*.localhost` names,
 * which are names like any other as far as the console can vouch.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  const family = isIP(bare);
  if (family === 4) return bare.startsWith('127.');
  if (family !== 6) return false;
  try {
    return new URL(`http://[${bare}]/`).hostname === '[::1]';
  } catch {
    return false;
  }
}

/**
 * The folder holding `ca/`: MESH_CONSOLE_RESOURCES, else Electron's resources folder when
 * packaged, else the nearest `resources/` above this file (the repository, or dist/).
 */
export function defaultResourcesDir(): string {
  const fromEnv = process.env['MESH_CONSOLE_RESOURCES'];
  if (fromEnv) return fromEnv;
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources', 'ca'))) return join(packaged, 'resources');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'resources', 'ca'))) return join(dir, 'resources');
    dir = resolve(dir, '..');
  }
  return resolve(process.cwd(), 'resources');
}

/** The CA bundle file of an NHS environment; undefined for local and custom. */
export function caBundlePath(name: NhsEnvironment, resourcesDir?: string): string;
export function caBundlePath(name: MeshEnvironmentName, resourcesDir?: string): string | undefined;
export function caBundlePath(name: MeshEnvironmentName, resourcesDir: string = defaultResourcesDir()): string | undefined {
  const file = ENVIRONMENTS[name].caBundleFile;
  return file ? join(resourcesDir, 'ca', file) : undefined;
}

/** The CA bundle PEM for an NHS environment; undefined for local and custom. */
export function readCaBundle(name: MeshEnvironmentName, resourcesDir?: string): string | undefined {
  const path = caBundlePath(name, resourcesDir);
  return path ? readFileSync(path, 'utf8') : undefined;
}

/** The NHS environment whose offered base URL this is exactly (trailing slashes and case aside), if any. */
export function nhsEnvironmentOf(baseUrl: string): NhsEnvironment | undefined {
  const wanted = baseUrl.replace(/\/+$/, '').toLowerCase();
  return NHS_ENVIRONMENT_NAMES.find((name) => ENVIRONMENTS[name].baseUrl === wanted);
}

/**
 * Which environment a base URL's host belongs to: an NHS host or one of its HSCN aliases (any
 * port or path), this machine (local), or custom. Used to pick the CA bundle for a host.
 */
export function environmentForUrl(baseUrl: string): MeshEnvironmentName {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return 'custom';
  }
  for (const name of NHS_ENVIRONMENT_NAMES) {
    const env = ENVIRONMENTS[name];
    if (new URL(env.baseUrl).hostname === host || env.aliases.includes(host)) return name;
  }
  return isLoopbackHost(host) ? 'local' : 'custom';
}

/** The base URL to use: the environment's own, or the one given (required for local and custom). */
export function baseUrlFor(name: MeshEnvironmentName, given?: string): string {
  const fixed = ENVIRONMENTS[name].baseUrl;
  if (fixed) return fixed;
  if (!given) throw new Error(`The ${ENVIRONMENTS[name].label} environment needs a base URL.`);
  return given.replace(/\/+$/, '');
}

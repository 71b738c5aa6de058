// The MESH environments the console knows: the embedded local server, NHS England's three
// (each with the CA bundle that signs its servers), or any other base URL.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Same names as the domain's EnvironmentName. */
export type MeshEnvironmentName = 'local' | 'integration' | 'deployment' | 'production' | 'custom';

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

export const ENVIRONMENTS: Readonly<Record<MeshEnvironmentName, MeshEnvironment>> = {
  local: { name: 'local', label: 'Local MESH server (this computer)' },
  integration: {
    name: 'integration', label: 'Integration (INT)', baseUrl: 'https://msg.intspineservices.nhs.uk',
    caBundleFile: 'nhs-int-ca-bundle.pem', aliases: ['msg.int.spine2.ncrs.nhs.uk'],
  },
  deployment: {
    name: 'deployment', label: 'Deployment (DEP)', baseUrl: 'https://msg.depspineservices.nhs.uk',
    caBundleFile: 'nhs-dep-ca-bundle.pem', aliases: ['msg.dep.spine2.ncrs.nhs.uk'],
  },
  production: {
    name: 'production', label: 'Production (LIVE)', baseUrl: 'https://mesh-sync.spineservices.nhs.uk',
    caBundleFile: 'nhs-live-ca-bundle.pem', aliases: ['mesh-sync.national.ncrs.nhs.uk'],
  },
  custom: { name: 'custom', label: 'Custom base URL' },
};

export const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as MeshEnvironmentName[];

export function isEnvironmentName(value: string): value is MeshEnvironmentName {
  return (ENVIRONMENT_NAMES as string[]).includes(value);
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

/** The CA bundle file for an NHS environment; undefined for local and custom. */
export function caBundlePath(name: MeshEnvironmentName, resourcesDir: string = defaultResourcesDir()): string | undefined {
  const file = ENVIRONMENTS[name].caBundleFile;
  return file ? join(resourcesDir, 'ca', file) : undefined;
}

/** The CA bundle PEM for an NHS environment; undefined for local and custom. */
export function readCaBundle(name: MeshEnvironmentName, resourcesDir?: string): string | undefined {
  const path = caBundlePath(name, resourcesDir);
  return path ? readFileSync(path, 'utf8') : undefined;
}

/** Which environment a base URL belongs to: an NHS host, a loopback address (local), or custom. */
export function environmentForUrl(baseUrl: string): MeshEnvironmentName {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return 'custom';
  }
  for (const env of Object.values(ENVIRONMENTS)) {
    if (!env.baseUrl) continue;
    if (new URL(env.baseUrl).hostname === host || env.aliases?.includes(host)) return env.name;
  }
  if (host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1') return 'local';
  return 'custom';
}

/** The base URL to use: the environment's own, or the one given (required for local and custom). */
export function baseUrlFor(name: MeshEnvironmentName, given?: string): string {
  const fixed = ENVIRONMENTS[name].baseUrl;
  if (fixed) return fixed;
  if (!given) throw new Error(`The ${ENVIRONMENTS[name].label} environment needs a base URL.`);
  return given.replace(/\/+$/, '');
}

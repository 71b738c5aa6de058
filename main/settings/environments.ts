// The MESH environments the console knows: the local server, the three NHS ones, or a
// custom base URL. Each NHS environment has its base URL and the CA bundle that signs it.
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { EnvironmentName } from '../../preload/api';

export type NhsEnvironment = 'integration' | 'deployment' | 'production';

export const NHS_ENVIRONMENTS: Readonly<Record<NhsEnvironment, { baseUrl: string; caBundleFile: string; label: string }>> = {
  integration: { baseUrl: 'https://msg.intspineservices.nhs.uk', caBundleFile: 'nhs-int-ca-bundle.pem', label: 'Integration (INT)' },
  deployment: { baseUrl: 'https://msg.depspineservices.nhs.uk', caBundleFile: 'nhs-dep-ca-bundle.pem', label: 'Deployment (DEP)' },
  production: { baseUrl: 'https://mesh-sync.spineservices.nhs.uk', caBundleFile: 'nhs-live-ca-bundle.pem', label: 'Production (LIVE)' },
};

export const ENVIRONMENT_NAMES: readonly EnvironmentName[] = ['local', 'integration', 'deployment', 'production', 'custom'];

export function isNhsEnvironment(name: EnvironmentName): name is NhsEnvironment {
  return name === 'integration' || name === 'deployment' || name === 'production';
}

/** The NHS environment whose base URL this is, if any. */
export function nhsEnvironmentOf(baseUrl: string): NhsEnvironment | undefined {
  const wanted = baseUrl.replace(/\/+$/, '').toLowerCase();
  return (Object.keys(NHS_ENVIRONMENTS) as NhsEnvironment[]).find((name) => NHS_ENVIRONMENTS[name].baseUrl === wanted);
}

/** Whether a host name is this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
  return false;
}

/** The folder holding `ca/nhs-*-ca-bundle.pem`: the repository's resources/ when run from source. */
export function defaultResourcesDir(): string {
  return join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'resources');
}

export function caBundlePath(environment: NhsEnvironment, resourcesDir = defaultResourcesDir()): string {
  return join(resourcesDir, 'ca', NHS_ENVIRONMENTS[environment].caBundleFile);
}

// What the settings need to know of the MESH environments: which are NHS England's (with a fixed
// base URL and CA bundle), and whether an address is this machine. The table itself is the MESH
// client's (main/mesh/environments.ts).
import { isIP } from 'node:net';
import { join } from 'node:path';
import type { EnvironmentName } from '../domain';
import { defaultResourcesDir, ENVIRONMENTS } from '../mesh/environments';

export { ENVIRONMENT_NAMES, defaultResourcesDir } from '../mesh/environments';

export type NhsEnvironment = 'integration' | 'deployment' | 'production';

const NHS_NAMES: readonly NhsEnvironment[] = ['integration', 'deployment', 'production'];

export const NHS_ENVIRONMENTS = Object.fromEntries(
  NHS_NAMES.map((name) => {
    const { baseUrl, caBundleFile, label } = ENVIRONMENTS[name];
    return [name, { baseUrl: baseUrl!, caBundleFile: caBundleFile!, label }];
  }),
) as Readonly<Record<NhsEnvironment, { baseUrl: string; caBundleFile: string; label: string }>>;

export function isNhsEnvironment(name: EnvironmentName): name is NhsEnvironment {
  return (NHS_NAMES as readonly string[]).includes(name);
}

/** The NHS environment whose base URL this is, if any. */
export function nhsEnvironmentOf(baseUrl: string): NhsEnvironment | undefined {
  const wanted = baseUrl.replace(/\/+$/, '').toLowerCase();
  return NHS_NAMES.find((name) => NHS_ENVIRONMENTS[name].baseUrl === wanted);
}

/** Whether a host name is this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
  return false;
}

export function caBundlePath(environment: NhsEnvironment, resourcesDir = defaultResourcesDir()): string {
  return join(resourcesDir, 'ca', NHS_ENVIRONMENTS[environment].caBundleFile);
}

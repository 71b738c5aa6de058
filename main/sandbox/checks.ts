// The checks real MESH makes and the official sandbox does not: each a switch, all off by default
// (the sandbox's behaviour).
import type { SandboxChecks } from './types';

const EVERY_CHECK: Required<Record<keyof SandboxChecks, true>> = {
  tokenReuse: true,
  timestampWindow: true,
  workflowAuthorisation: true,
  requireAllChunks: true,
  expireUncollected: true,
  goneAfterAcknowledge: true,
};

export const CHECK_NAMES = Object.keys(EVERY_CHECK) as (keyof SandboxChecks)[];

/** The checks a server starts with. */
export function initialChecks(options: { checks?: SandboxChecks }): SandboxChecks {
  return { ...options.checks };
}

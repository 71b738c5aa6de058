// The checks real MESH makes and the official sandbox does not: each a switch, all off by default
// (the sandbox's behaviour); `strict` starts a server with every one on.
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

/** The checks a server starts with: every one when strict, then those given, which win. */
export function initialChecks(options: { strict?: boolean; checks?: SandboxChecks }): SandboxChecks {
  return { ...(options.strict ? EVERY_CHECK : {}), ...options.checks };
}

// Health routes (no auth): the same body on every path the sandbox answers
// (docs/mesh-protocol.md, "Local server extras").
import type { Router } from '../router';
import { sendJson } from '../responses';

const HEALTH = { env: 'local', build_label: 'latest', status: 'running', outcome: 'Yes' };
const PATHS = ['/health', '/_status', '/_ping', '/healthcheck', '/messageexchange/_ping', '/messageexchange/deepping'];

export function registerHealth(router: Router): void {
  for (const path of PATHS) router.add('GET', path, (ctx) => sendJson(ctx.res, 200, HEALTH));
}

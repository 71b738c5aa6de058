// Endpoint lookup by ODS code and workflow, and workflow search (no auth, as in the sandbox)
// (docs/mesh-protocol.md, "Lookup").
import { randomUUID } from 'node:crypto';
import type { Router } from '../router';
import type { RequestContext } from '../context';
import type { MailboxRecord } from '../directory';
import { sendJson } from '../responses';

const v2Result = (m: MailboxRecord) => ({ mailbox_id: m.mailboxId, mailbox_name: m.mailboxName });

function endpointLookup(ctx: RequestContext): void {
  const found = ctx.state.directory.receivers(ctx.params.workflowId!, ctx.params.odsCode!);
  if (ctx.version >= 2) return sendJson(ctx.res, 200, { results: found.map(v2Result) });
  sendJson(ctx.res, 200, {
    query_id: randomUUID().replace(/-/g, ''),
    results: found.map((m) => ({ address: m.mailboxId, description: m.mailboxName, endpoint_type: 'MESH' })),
  });
}

function workflowSearch(ctx: RequestContext): void {
  sendJson(ctx.res, 200, { results: ctx.state.directory.receivers(ctx.params.workflowId!).map(v2Result) });
}

export function registerLookup(router: Router): void {
  router.add('GET', '/messageexchange/endpointlookup/:odsCode/:workflowId', endpointLookup, { accept: true });
  router.add('GET', '/messageexchange/workflowsearch/:workflowId', workflowSearch, { accept: true });
}

// The inbox list (v1 and v2 with links.next) and the deprecated count (docs/mesh-protocol.md, "Inbox").
import { randomUUID } from 'node:crypto';
import type { Router } from '../router';
import type { RequestContext } from '../context';
import { Errors } from '../errors';
import { workflowFilter } from '../../domain/workflow-filter';
import { link, pageAfter } from '../paging';
import { sendJson, V2_TYPE } from '../responses';
import { Validation } from './params';

const DEFAULT_MAX_RESULTS = 500;

function listInbox(ctx: RequestContext): void {
  const check = new Validation(ctx);
  const maxResults = check.int('query', 'max_results', ctx.query.get('max_results'), { min: 10, max: 5000, fallback: DEFAULT_MAX_RESULTS });
  const continueFrom = check.queryString('continue_from', { min: 24, max: 1000 });
  const filterText = check.queryString('workflow_filter', { min: 2, max: 255 });
  check.done();

  const mailboxId = ctx.mailbox.mailboxId;
  let afterId: string | undefined;
  if (continueFrom) {
    if (ctx.version < 2) afterId = continueFrom;
    else {
      const decoded = ctx.state.continueTokens.decode(continueFrom);
      // The sandbox fails to decrypt a foreign Fernet token with an uncaught error.
      if (!decoded?.message_id) throw Errors.internal();
      afterId = decoded.message_id;
    }
  }

  const accepted = ctx.state.store.acceptedInbox(mailboxId);
  const filter = workflowFilter(filterText);
  const candidates = filter ? accepted.filter((m) => filter(m.workflowId)) : accepted;
  const { page, lastId } = pageAfter(candidates, afterId, maxResults);
  const messages = page.map((m) => m.messageId);

  if (ctx.version < 2) return sendJson(ctx.res, 200, { messages });

  const path = `/messageexchange/${mailboxId}/inbox`;
  const query = { max_results: maxResults !== DEFAULT_MAX_RESULTS ? maxResults : undefined, workflow_filter: filterText };
  const links: Record<string, string> = { self: link(path, query) };
  if (lastId) links.next = link(path, { ...query, continue_from: ctx.state.continueTokens.encode({ message_id: lastId }) });
  sendJson(ctx.res, 200, { messages, links, approx_inbox_count: accepted.length }, V2_TYPE);
}

function countInbox(ctx: RequestContext): void {
  const count = ctx.state.store.acceptedInbox(ctx.mailbox.mailboxId).length;
  if (ctx.version >= 2) return sendJson(ctx.res, 200, { count });
  sendJson(ctx.res, 200, { count, internalID: randomUUID().replace(/-/g, ''), allResultsIncluded: true });
}

export function registerInbox(router: Router): void {
  const options = { auth: true, accept: true, upper: ['mailbox'] };
  router.add('GET', '/messageexchange/:mailbox/inbox', listInbox, options);
  router.add('GET', '/messageexchange/:mailbox/count', countInbox, options);
}

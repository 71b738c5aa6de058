// Rich inbox and outbox (sandbox extras; docs/mesh-protocol.md, "Local server extras"): every
// status, newest first, v2 content type always.
import type { Router } from '../router';
import type { RequestContext } from '../context';
import { Errors } from '../errors';
import { currentStatus, errorEvent, sentText, statusTimestamp, type StoredMessage } from '../message';
import { link, pageAfter } from '../paging';
import { sendJson, V2_TYPE } from '../responses';
import { isoNoZone } from '../time-format';
import { Validation } from './params';

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

function item(message: StoredMessage, outbox: boolean): Record<string, unknown> {
  const sent = statusTimestamp(message, 'accepted');
  const nullable = (value: string | undefined) => (outbox ? (value ?? '') : value);
  const record: Record<string, unknown> = {
    message_id: message.messageId,
    expiry_timestamp: isoNoZone(new Date(message.inboxExpiry)),
    local_id: nullable(sentText(message, message.metadata.localId)),
    message_type: message.messageType,
    recipient: message.recipient.mailboxId,
    recipient_name: nullable(message.recipient.mailboxName),
    sender: message.sender.mailboxId,
    sender_name: message.sender.mailboxName,
    sent_date: sent ? isoNoZone(sent) : undefined,
    status: currentStatus(message),
    status_code: nullable(errorEvent(message)?.code),
    workflow_id: nullable(message.workflowId),
    total_chunks: message.totalChunks,
  };
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

function parseStart(raw: string | undefined, now: Date): Date {
  if (raw === undefined) return new Date(now.getTime() - THIRTY_DAYS_MS);
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(raw);
  const date = new Date(hasZone || !/T|\s/.test(raw) ? raw : `${raw}Z`);
  if (Number.isNaN(date.getTime())) throw Errors.internal();
  return date;
}

function richView(ctx: RequestContext, outbox: boolean): void {
  const check = new Validation(ctx);
  let maxResults = check.int(
    'query',
    'max_results',
    ctx.query.get('max_results'),
    outbox ? { fallback: 100 } : { min: 1, max: 2000, fallback: 100 },
  );
  const startText = check.queryString('start_time', {});
  const continueFrom = check.queryString('continue_from', {});
  check.done();
  if (outbox) maxResults = Math.max(Math.min(maxResults, 100), 0);

  let afterId: string | undefined;
  if (continueFrom) {
    const decoded = ctx.state.continueTokens.decode(continueFrom);
    if (!decoded?.message_id) throw Errors.internal();
    afterId = decoded.message_id;
  }
  const from = parseStart(startText, ctx.state.now());
  const mailboxId = ctx.mailbox.mailboxId;
  const source = outbox ? ctx.state.store.outbox(mailboxId).filter((m) => m.visibleToSender !== false) : ctx.state.store.inbox(mailboxId);
  const candidates = source.filter((m) => new Date(m.createdAt) > from).reverse();
  const { page, lastId } = pageAfter(candidates, afterId, maxResults);

  const path = `/messageexchange/${mailboxId}/${outbox ? 'outbox' : 'inbox'}/rich`;
  const query = { start_time: isoNoZone(from), max_results: maxResults };
  const links: Record<string, string> = { self: link(path, query) };
  if (lastId) links.next = link(path, { ...query, continue_from: ctx.state.continueTokens.encode({ message_id: lastId }) });
  sendJson(ctx.res, 200, { valid_at: isoNoZone(ctx.state.now()), messages: page.map((m) => item(m, outbox)), links }, V2_TYPE);
}

export function registerRich(router: Router): void {
  const options = { auth: true, accept: true, upper: ['mailbox'] };
  router.add('GET', '/messageexchange/:mailbox/inbox/rich', (ctx) => richView(ctx, false), options);
  router.add('GET', '/messageexchange/:mailbox/outbox/rich', (ctx) => richView(ctx, true), options);
}

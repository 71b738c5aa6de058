// Tracking by message id (v1/v2) and by local id (always v1; 300 when several match)
// (docs/mesh-protocol.md, "Tracking").
import type { Router } from '../router';
import type { RequestContext } from '../context';
import { Errors } from '../errors';
import { sendJson, V2_TYPE } from '../responses';
import { trackingV1, trackingV2 } from '../tracking-view';
import { Validation } from './params';

function trackByMessageId(ctx: RequestContext): void {
  const check = new Validation(ctx);
  const id = check.queryString('messageID', { required: true, min: 1 });
  check.done();
  const message = ctx.state.store.get(id!.toUpperCase());
  // 404 rather than 403 for someone else's message, "matching spine".
  if (!message || message.sender.mailboxId !== ctx.mailbox.mailboxId || message.visibleToSender === false) throw Errors.notFound();
  if (ctx.version >= 2) return sendJson(ctx.res, 200, trackingV2(message), V2_TYPE);
  sendJson(ctx.res, 200, trackingV1(message));
}

function trackByLocalId(ctx: RequestContext): void {
  const found = ctx.state.store.byLocalId(ctx.mailbox.mailboxId, ctx.params.localId!);
  if (found.length === 0) throw Errors.notFound();
  if (found.length > 1) throw Errors.multipleChoices();
  sendJson(ctx.res, 200, trackingV1(found[0]!));
}

export function registerTracking(router: Router): void {
  const options = { auth: true, accept: true, upper: ['mailbox'] };
  router.add('GET', '/messageexchange/:mailbox/outbox/tracking', trackByMessageId, options);
  router.add('GET', '/messageexchange/:mailbox/outbox/tracking/:localId', trackByLocalId, options);
}

// HEAD, download chunk 1 and chunk n, and acknowledge (docs/mesh-protocol.md, "Downloading and acknowledging").
import type { Router } from '../router';
import type { RequestContext } from '../context';
import { Errors } from '../errors';
import { currentStatus, type StoredMessage } from '../message';
import { messageHeaders } from '../mex-headers';
import { sendEmpty, sendJson } from '../responses';
import { sendChunk } from '../download-body';
import { Validation } from './params';

/** The recipient may read it: accepted, or acknowledged unless the server refuses that as real MESH does. */
function downloadable(ctx: RequestContext, message: StoredMessage): boolean {
  const status = currentStatus(message);
  return status === 'accepted' || (status === 'acknowledged' && !ctx.state.checks.goneAfterAcknowledge);
}

function headMessage(ctx: RequestContext): void {
  const message = ctx.state.store.get(ctx.params.messageId!);
  if (!message) throw Errors.messageDoesNotExist();
  const me = ctx.mailbox.mailboxId;
  const isRecipient = message.recipient.mailboxId === me;
  const isSender = message.sender.mailboxId === me && message.visibleToSender !== false;
  if (!isRecipient && !isSender) throw Errors.messageDoesNotExist();
  if (isRecipient && !downloadable(ctx, message)) throw Errors.messageGone();
  sendEmpty(ctx.res, 200, messageHeaders(message, 1, ctx.state.now()));
}

function contentType(ctx: RequestContext, message: StoredMessage): string {
  if (ctx.version >= 2 && message.totalChunks === 1 && message.metadata.contentType) return message.metadata.contentType;
  return 'application/octet-stream';
}

async function download(ctx: RequestContext, chunkText: string | undefined): Promise<void> {
  let chunkNo = 1;
  if (chunkText !== undefined) {
    const check = new Validation(ctx);
    chunkNo = check.int('path', 'chunk_number', chunkText, { min: 1 });
    check.done();
  }
  const message = ctx.state.store.get(ctx.params.messageId!);
  if (!message) throw Errors.messageDoesNotExist();
  if (message.recipient.mailboxId !== ctx.mailbox.mailboxId) throw Errors.forbidden();
  if (!downloadable(ctx, message)) throw Errors.messageGone();

  const headers = messageHeaders(message, chunkNo, ctx.state.now());
  if (message.messageType !== 'DATA') return sendEmpty(ctx.res, 200, headers);
  if (chunkNo > message.totalChunks) throw Errors.messageDoesNotExist();
  const chunk = await ctx.state.store.chunks.read(message, chunkNo);
  if (!chunk) throw Errors.messageDoesNotExist();

  await sendChunk({
    res: ctx.res,
    status: chunkNo >= message.totalChunks ? 200 : 206,
    headers: { ...headers, 'Content-Type': contentType(ctx, message) },
    chunk,
    storedGzip: message.metadata.contentEncoding === 'gzip',
    acceptsGzip: (ctx.header('accept-encoding') ?? '').toLowerCase().includes('gzip'),
    version: ctx.version,
    ...(ctx.state.gzipFrameBytes ? { gzipFrameBytes: ctx.state.gzipFrameBytes } : {}),
  });
}

async function acknowledge(ctx: RequestContext): Promise<void> {
  const { store } = ctx.state;
  const message = store.get(ctx.params.messageId!);
  if (!message) throw Errors.messageDoesNotExist();
  if (message.recipient.mailboxId !== ctx.mailbox.mailboxId) throw Errors.forbidden();
  if (currentStatus(message) === 'accepted') {
    await store.pushEvent(message, { status: 'acknowledged', timestamp: ctx.state.now().toISOString() });
  }
  if (ctx.version >= 2) return sendEmpty(ctx.res, 200);
  sendJson(ctx.res, 200, { messageId: message.messageId });
}

export function registerDownload(router: Router): void {
  const options = { auth: true, accept: true, upper: ['mailbox', 'messageId'] };
  router.add('HEAD', '/messageexchange/:mailbox/inbox/:messageId', headMessage, options);
  router.add('GET', '/messageexchange/:mailbox/inbox/:messageId', (ctx) => download(ctx, undefined), options);
  router.add('GET', '/messageexchange/:mailbox/inbox/:messageId/:chunkNo', (ctx) => download(ctx, ctx.params.chunkNo), options);
  router.add('PUT', '/messageexchange/:mailbox/inbox/:messageId/status/acknowledged', acknowledge, options);
}

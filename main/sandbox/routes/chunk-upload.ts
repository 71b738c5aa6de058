// POST /outbox/{id}/{n}: upload chunk n with the sandbox's checks in order
// (docs/mesh-protocol.md, "Sending and chunks").
import type { Router } from '../router';
import type { RequestContext } from '../context';
import { Errors } from '../errors';
import { currentStatus } from '../message';
import { sendJson } from '../responses';
import { Validation } from './params';
import { parseChunkRange } from './chunk-range';

async function uploadChunk(ctx: RequestContext): Promise<void> {
  const check = new Validation(ctx);
  const chunkNo = check.int('path', 'chunk_number', ctx.params.chunkNo, {});
  check.done();
  const messageId = ctx.params.messageId!;

  const range = (ctx.header('mex-Chunk-Range') ?? '').trim();
  if (!range || !parseChunkRange(range, chunkNo)) throw Errors.invalidHeaderChunks(messageId);
  const { store } = ctx.state;
  const message = store.get(messageId);
  if (!message) throw Errors.notFound();
  if (message.sender.mailboxId !== ctx.mailbox.mailboxId) throw Errors.forbidden();
  if (currentStatus(message) !== 'uploading') throw Errors.locked();
  if (chunkNo > message.totalChunks || message.messageType !== 'DATA') throw Errors.notAcceptable();
  if ((ctx.header('content-encoding') ?? '').trim() !== (message.metadata.contentEncoding ?? '')) {
    throw Errors.contentEncodingChanged(messageId);
  }

  message.chunkSizes[chunkNo] = await store.chunks.write(message, chunkNo, ctx.req);
  if (chunkNo < message.totalChunks) {
    await store.save(message);
  } else {
    if (ctx.state.checks.requireAllChunks) {
      for (let n = 1; n <= message.totalChunks; n++) {
        if (message.chunkSizes[n] === undefined) {
          await store.save(message);
          throw Errors.chunksMissing(messageId);
        }
      }
    }
    await store.pushEvent(message, { status: 'accepted', timestamp: ctx.state.now().toISOString() });
  }
  if (ctx.version >= 2) return sendJson(ctx.res, 202, null);
  sendJson(ctx.res, 202, { messageID: message.messageId, blockID: chunkNo });
}

export function registerChunkUpload(router: Router): void {
  router.add('POST', '/messageexchange/:mailbox/outbox/:messageId/:chunkNo', uploadChunk, {
    auth: true,
    accept: true,
    upper: ['mailbox', 'messageId'],
  });
}

// POST /outbox (send, or chunk 1) with every check in the sandbox's order
// (docs/mesh-protocol.md, "Sending and chunks").
import type { Router } from '../router';
import type { RequestContext } from '../context';
import { Errors } from '../errors';
import type { StoredMessage } from '../message';
import { inboxExpiry, newMessageId, party } from '../message-parts';
import { sendJson } from '../responses';
import { Validation } from './params';
import { parseChunkRange } from './chunk-range';

// eslint-disable-next-line no-control-regex -- a header with a control character is refused, as MESH does
const CONTROL_CHARACTER = /[\x00-\x1f]/;
const URL_START = /^https?:\/\//i;
const CHECKSUM_CHARACTERS = /^[A-Za-z0-9\s:\-/]*$/;
const TRUE_FLAGS = ['y', 'yes', 't', 'true', 'on', '1'];

export function flag(value: string | undefined): boolean {
  return TRUE_FLAGS.includes((value ?? '').trim().toLowerCase());
}

async function send(ctx: RequestContext): Promise<void> {
  const check = new Validation(ctx);
  const rawTo = check.header('mex-To', { required: true, max: 100 });
  const rawWorkflow = check.header('mex-WorkflowID', { required: true, max: 300 });
  const rawRange = check.header('mex-Chunk-Range', { max: 20 });
  const subject = check.header('mex-Subject', { max: 500 });
  const localId = check.header('mex-LocalID', { max: 300 });
  const partnerId = check.header('mex-PartnerID', { max: 500 });
  const fileName = check.header('mex-FileName', { max: 300 });
  const encrypted = check.header('mex-Content-Encrypted', { max: 20 });
  const compressed = check.header('mex-Content-Compressed', { max: 20 });
  const checksum = check.header('mex-Content-Checksum', { max: 100 });
  const mexContentType = check.header('mex-Content-Type', { max: 100 });
  check.done();

  const to = (rawTo ?? '').toUpperCase().trim();
  const workflowId = (rawWorkflow ?? '').trim();
  const range = (rawRange ?? '').trim();
  const strings = [to, workflowId, range, subject, localId, partnerId, fileName, checksum, mexContentType];
  if (
    strings.some((value) => value && CONTROL_CHARACTER.test(value)) ||
    URL_START.test(to) ||
    URL_START.test(workflowId) ||
    (checksum && URL_START.test(checksum))
  ) {
    throw Errors.malformedControlFile();
  }
  if (checksum && !CHECKSUM_CHARACTERS.test(checksum.trim())) throw Errors.invalidChecksum();
  if (!to) throw Errors.toMissing();
  const contentEncoding = (ctx.header('content-encoding') ?? '').trim().toLowerCase();
  if (contentEncoding && contentEncoding !== 'gzip') throw Errors.unsupportedContentEncoding();
  const chunks = parseChunkRange(range, 1);
  if (!chunks || chunks.chunkNo > 1) throw Errors.invalidHeaderChunks();
  const recipient = ctx.state.directory.mailbox(to);
  if (!recipient) throw Errors.unregisteredRecipient();
  const sender = ctx.mailbox;
  if (ctx.state.checks.workflowAuthorisation && !ctx.state.directory.allows(workflowId, sender.mailboxId, recipient.mailboxId)) {
    throw Errors.workflowNotRegistered();
  }

  const messageId = newMessageId();
  const owner = { messageId, recipient: { mailboxId: recipient.mailboxId } };
  const size = await ctx.state.store.chunks.write(owner, 1, ctx.req);
  if (size === 0) {
    await ctx.state.store.chunks.removeMessage(owner);
    throw Errors.missingDataFile();
  }

  const now = ctx.state.now();
  const status = chunks.total < 2 ? 'accepted' : 'uploading';
  const message: StoredMessage = {
    messageId,
    messageType: 'DATA',
    sender: party(sender),
    recipient: party(recipient),
    workflowId,
    totalChunks: chunks.total,
    chunkSizes: { 1: size },
    fileSize: 0,
    events: [{ status, timestamp: now.toISOString() }],
    metadata: {
      subject: subject || undefined,
      contentType: mexContentType || (ctx.header('content-type') ?? '').trim().toLowerCase() || undefined,
      contentEncoding: contentEncoding || undefined,
      fileName: fileName || `${messageId}.dat`,
      localId: localId || undefined,
      partnerId: partnerId || undefined,
      checksum: checksum || undefined,
      encrypted: flag(encrypted),
      compressed: flag(compressed),
    },
    createdAt: now.toISOString(),
    inboxExpiry: inboxExpiry(now),
    seq: ctx.state.store.nextSeq(),
  };
  await ctx.state.store.add(message);
  if (ctx.version >= 2) return sendJson(ctx.res, 202, { message_id: messageId });
  sendJson(ctx.res, 202, { messageID: messageId });
}

export function registerSend(router: Router): void {
  router.add('POST', '/messageexchange/:mailbox/outbox', send, { auth: true, accept: true, upper: ['mailbox'] });
}

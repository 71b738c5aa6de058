// MESH's refusals (an HTTP status with a v1 or v2 error body) as MeshErrors whose message is one
// sentence an operator can act on.
import { MeshError, type MeshErrorDetails, type MeshErrorKind, type MeshSetting } from './errors';
import { capitalised, chunkRef, messageRef, WHAT, type OperationContext } from './operation';
import type { ErrorBody } from './responses';

/** The text MESH gave, cleaned for use inside a sentence. */
function said(body: ErrorBody): string {
  return (body.description ?? '')
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '')
    .slice(0, 200);
}

function make(
  kind: MeshErrorKind,
  sentence: string,
  status: number | undefined,
  body: ErrorBody,
  ctx: OperationContext,
  settings?: readonly MeshSetting[],
): MeshError {
  const details: MeshErrorDetails = {};
  if (settings) details.settings = settings;
  if (status !== undefined) details.status = status;
  if (body.code) details.code = body.code;
  const messageId = ctx.messageId ?? body.messageId;
  if (messageId) details.messageId = messageId;
  return new MeshError(kind, sentence, details);
}

function forbidden(status: number, body: ErrorBody, ctx: OperationContext): MeshError {
  const text = said(body);
  const mb = ctx.mailbox.toUpperCase();
  if (/invalid authentication token|error reading from authorization/i.test(text) || (!text && ctx.operation === 'handshake')) {
    return make(
      'authentication',
      `MESH refused the credentials for mailbox ${mb}: check the mailbox password and the shared key.`,
      status,
      body,
      ctx,
      ['password', 'sharedKey'],
    );
  }
  if (/does not match token/i.test(text)) {
    return make('authentication', `MESH says the token was not made for mailbox ${mb}: check the mailbox ID.`, status, body, ctx, [
      'mailbox',
    ]);
  }
  if (/no mailbox matched/i.test(text) || body.code === 'EPL-151') {
    return make('unknown-mailbox', `MESH does not know mailbox ${mb}: check the mailbox ID.`, status, body, ctx, ['mailbox']);
  }
  if (/reuse|replay|nonce|timestamp|clock|expired token|token expired/i.test(text)) {
    return make(
      'token-rejected',
      `MESH refused the request's token as reused or out of date (${text}): check this computer's clock is right, then try again.`,
      status,
      body,
      ctx,
    );
  }
  if (ctx.messageId && (/^forbidden$/i.test(text) || !text)) {
    return make(
      'forbidden',
      `Message ${ctx.messageId} belongs to another mailbox, so ${mb} may not ${WHAT[ctx.operation]}.`,
      status,
      body,
      ctx,
    );
  }
  return make(
    'forbidden',
    `MESH refused to let mailbox ${mb} ${WHAT[ctx.operation]}${text ? ` (${text})` : ''}: check the mailbox is ` +
      `registered for this environment.`,
    status,
    body,
    ctx,
  );
}

function notFound(status: number, body: ErrorBody, ctx: OperationContext): MeshError {
  const mb = ctx.mailbox.toUpperCase();
  // Said alike on the screen and the command line, where the inbox is listed by hand.
  const notInInbox =
    `${capitalised(messageRef(ctx))} is not in mailbox ${mb} (acknowledged already, expired after 5 days, or a wrong id): ` +
    'check the id against the inbox as it is now.';
  switch (ctx.operation) {
    case 'metadata':
    case 'acknowledge':
      return make('not-found', notInInbox, status, body, ctx);
    case 'download':
      return ctx.chunk && ctx.chunk.index > 1
        ? make(
            'chunk-error',
            `${capitalised(chunkRef(ctx))} of message ${ctx.messageId} is missing on MESH: ask the sender to send it again.`,
            status,
            body,
            ctx,
          )
        : make('not-found', notInInbox, status, body, ctx);
    case 'track':
      return make(
        'not-found',
        `MESH has no record of ${messageRef(ctx)} sent from mailbox ${mb}: check the message ID.`,
        status,
        body,
        ctx,
      );
    case 'track-local-id':
      return make('not-found', `No message sent from mailbox ${mb} has local ID ${ctx.localId}: check the local ID.`, status, body, ctx);
    case 'send-chunk':
      return make(
        'chunk-error',
        `MESH no longer knows message ${ctx.messageId}, so ${chunkRef(ctx)} could not be added: send the file again.`,
        status,
        body,
        ctx,
      );
    default:
      return make(
        'not-found',
        `MESH answered Not Found when asked to ${WHAT[ctx.operation]}: check the base URL ${ctx.baseUrl} points at MESH.`,
        status,
        body,
        ctx,
        ['baseUrl'],
      );
  }
}

function refused(status: number, body: ErrorBody, ctx: OperationContext): MeshError {
  const text = said(body);
  const code = body.code ?? '';
  const mb = ctx.mailbox.toUpperCase();
  if (code === '12') {
    return make(
      'unregistered-recipient',
      `MESH does not recognise the recipient mailbox${ctx.to ? ` ${ctx.to}` : ''}${/internal/i.test(text) ? ' (it is an internal mailbox)' : ''}: check the mailbox ID, or look it up by ODS code and workflow.`,
      status,
      body,
      ctx,
    );
  }
  if (code === '17') {
    return make(
      'workflow-not-allowed',
      `Workflow ${ctx.workflowId ?? ''} is not registered for sender ${mb} or for recipient ${ctx.to ?? ''}: check ` +
        `the workflow ID, or ask the MESH service desk to register it.`,
      status,
      body,
      ctx,
    );
  }
  if (code === '02') {
    return make('empty-message', 'MESH refused an empty message: choose a file that has content.', status, body, ctx);
  }
  if (code === '08') {
    return make('invalid-request', 'MESH needs a recipient mailbox: enter one.', status, body, ctx);
  }
  if (code === 'InvalidHeaderChunks' || /chunk|content encoding/i.test(text) || ctx.operation === 'send-chunk') {
    return make(
      'chunk-error',
      `MESH refused ${chunkRef(ctx)} of ${messageRef(ctx)} (${text || `HTTP ${status}`}): send the file again.`,
      status,
      body,
      ctx,
    );
  }
  if (code === '06' || /malformed ?control ?file/i.test(text)) {
    return make(
      'bad-request',
      'MESH found a control header malformed (a control character, or a web address, in the recipient, workflow ID, ' +
        'subject, local ID or file name): correct it and send again.',
      status,
      body,
      ctx,
    );
  }
  if (/checksum/i.test(code) || /checksum/i.test(text)) {
    return make('bad-request', 'MESH refused the checksum: use only letters, digits, spaces and : - /.', status, body, ctx);
  }
  return make(
    'bad-request',
    `MESH refused the request to ${WHAT[ctx.operation]} as ` +
      `malformed${text ? ` (${text}${code && !text.includes(code) ? `, code ${code}` : ''})` : ''}: check what was ` +
      `entered, and report it if it persists.`,
    status,
    body,
    ctx,
  );
}

/** A MeshError for an HTTP answer that is not a success. `attempts` counts every try made. */
export function errorFromResponse(status: number, body: ErrorBody, ctx: OperationContext, attempts = 1): MeshError {
  const text = said(body);
  if (ctx.operation === 'send' && status >= 500) {
    return sendOutcomeUnknown(`MESH answered HTTP ${status}`, ctx, { status, body });
  }
  if (ctx.operation === 'send-chunk' && ctx.chunk && status === 423) {
    return make(
      'chunk-error',
      `MESH says message ${ctx.messageId} is already complete, so ${chunkRef(ctx)} was refused: check it with ` +
        `tracking before sending again.`,
      status,
      body,
      ctx,
    );
  }
  switch (status) {
    case 300:
      return make(
        'ambiguous-local-id',
        `More than one message sent from mailbox ${ctx.mailbox.toUpperCase()} has local ID ${ctx.localId}: track them ` +
          `by message ID instead.`,
        status,
        body,
        ctx,
      );
    case 401:
    case 403:
      return forbidden(status, body, ctx);
    case 404:
      return notFound(status, body, ctx);
    case 410:
      return make(
        'message-gone',
        `${capitalised(messageRef(ctx))} is no longer available for download (it expired, failed or never finished ` +
          `uploading): ask the sender to send it again if it is still needed.`,
        status,
        body,
        ctx,
      );
    case 400:
    case 406:
    case 417:
    case 422:
    case 423:
      return refused(status, body, ctx);
    case 425:
    case 429:
    case 502:
    case 503:
    case 504: {
      const tries = attempts > 1 ? ` and still was after ${attempts} tries` : '';
      const notSent = ctx.operation === 'send' ? ', so the message was not sent' : '';
      return make(
        'server-busy',
        `MESH is busy or unavailable (HTTP ${status})${tries}${notSent}: try again in a few minutes.`,
        status,
        body,
        ctx,
      );
    }
  }
  if (status >= 500) {
    return make(
      'server-error',
      `MESH had an internal error (HTTP ${status}${text ? `: ${text}` : ''}) when asked to ${WHAT[ctx.operation]}: ` +
        `try again later, and call the MESH service desk if it persists.`,
      status,
      body,
      ctx,
    );
  }
  return make(
    'unexpected-response',
    `MESH answered HTTP ${status}${text ? ` (${text})` : ''} when asked to ${WHAT[ctx.operation]}, which the ` +
      `console does not expect: check the base URL, and report it if it persists.`,
    status,
    body,
    ctx,
    ['baseUrl'],
  );
}

/** The creating POST failed without a clear refusal: MESH may or may not have made the message. */
export function sendOutcomeUnknown(
  what: string,
  ctx: OperationContext,
  extra: { status?: number; body?: ErrorBody; cause?: unknown } = {},
): MeshError {
  const check = ctx.localId
    ? `check with tracking by local ID ${ctx.localId} before sending it again`
    : 'check the recipient received it (or ask the MESH service desk) before sending it again';
  const details: ConstructorParameters<typeof MeshError>[2] = { retryable: false };
  if (extra.status !== undefined) details.status = extra.status;
  if (extra.body?.code) details.code = extra.body.code;
  if (extra.cause !== undefined) details.cause = extra.cause;
  return new MeshError('send-outcome-unknown', `${what} before confirming the new message, so it may or may not exist: ${check}.`, details);
}

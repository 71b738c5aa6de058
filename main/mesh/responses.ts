// MESH JSON bodies, v1 or v2, read into one shape each. The client asks for v2 but a proxy,
// an older server or the deprecated endpoints may answer v1, so every reader takes both.
import { plainText } from './plain-text';

export interface InboxPage {
  messageIds: string[];
  /** Opaque: pass back as `next` to read the following page; absent on the last page. */
  next?: string;
  /** v2 `approx_inbox_count`. */
  approxCount?: number;
}

export interface MailboxMatch {
  mailboxId: string;
  mailboxName: string;
}

/** What a MESH error body says, whichever of its shapes it came in. */
export interface ErrorBody {
  event?: string;
  code?: string;
  description?: string;
  messageId?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Parses a body as JSON; undefined when empty or not JSON. */
export function parseJson(body: string): unknown {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

export class ResponseShapeError extends Error {}

function requireObject(body: unknown, what: string): Json {
  if (!isObject(body)) throw new ResponseShapeError(`${what}: not a JSON object`);
  return body;
}

/** v1 `{"messages":[...]}`; v2 adds `links.next` and `approx_inbox_count`. */
export function parseInbox(body: unknown): InboxPage {
  const json = requireObject(body, 'inbox');
  const messages = json['messages'];
  if (!Array.isArray(messages)) throw new ResponseShapeError('inbox: no messages array');
  const page: InboxPage = { messageIds: messages.map((id) => String(id)) };
  const links = json['links'];
  const next = isObject(links) ? text(links['next']) : undefined;
  if (next) page.next = next;
  const approx = json['approx_inbox_count'];
  if (typeof approx === 'number') page.approxCount = approx;
  return page;
}

/** v1 `{"count":2,"internalID":...}`, v2 `{"count":2}`. */
export function parseCount(body: unknown): number {
  const count = requireObject(body, 'count')['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new ResponseShapeError('count: no count');
  return count;
}

/** The new message's id from a 202 to POST /outbox: v1 `messageID`, v2 `message_id`. */
export function parseSendAccepted(body: unknown): string {
  const json = requireObject(body, 'send');
  const id = text(json['message_id']) ?? text(json['messageID']) ?? text(json['messageId']);
  if (!id) throw new ResponseShapeError('send: no message id');
  // The id goes into later paths and into sentences: a real MESH id is plain printable text.
  if (/[^\x21-\x7e]/.test(id)) throw new ResponseShapeError('send: message id with spaces or control characters');
  return id;
}

/** v1 `results[].address/description`, v2 `results[].mailbox_id/mailbox_name`. */
export function parseLookup(body: unknown): MailboxMatch[] {
  const results = requireObject(body, 'lookup')['results'];
  if (!Array.isArray(results)) throw new ResponseShapeError('lookup: no results array');
  return results.filter(isObject).map((item) => ({
    mailboxId: text(item['mailbox_id']) ?? text(item['address']) ?? '',
    mailboxName: text(item['mailbox_name']) ?? text(item['description']) ?? '',
  }));
}

/**
 * v1 `{errorEvent, errorCode, errorDescription, messageID?}`, v2 `{detail:[{event, code, msg}], message_id?}`,
 * FastAPI validation `{detail:[{type, loc, msg}]}`, or the generic `{message}`.
 */
export function parseErrorBody(body: unknown): ErrorBody {
  const read = readErrorBody(body);
  // Every part may end up in a sentence on a terminal: no control characters.
  for (const key of ['event', 'code', 'description', 'messageId'] as const) {
    const value = read[key];
    if (value !== undefined) read[key] = plainText(value);
  }
  return read;
}

function readErrorBody(body: unknown): ErrorBody {
  if (!isObject(body)) return typeof body === 'string' && body.trim() ? { description: body.trim().slice(0, 300) } : {};
  const result: ErrorBody = {};
  const messageId = text(body['message_id']) ?? text(body['messageID']) ?? text(body['messageId']);
  if (messageId) result.messageId = messageId;
  if ('errorDescription' in body || 'errorCode' in body) {
    const event = text(body['errorEvent']);
    const code = text(body['errorCode']);
    const description = text(body['errorDescription']);
    if (event) result.event = event;
    if (code) result.code = code;
    if (description) result.description = description;
    return result;
  }
  const detail = body['detail'];
  if (Array.isArray(detail) && isObject(detail[0])) {
    const first = detail[0];
    const event = text(first['event']);
    const code = text(first['code']);
    let description = text(first['msg']);
    const loc = first['loc'];
    if (description && Array.isArray(loc) && loc.length) description = `${description} (${loc.join('.')})`;
    if (event) result.event = event;
    if (code) result.code = code;
    if (description) result.description = description;
    return result;
  }
  if (typeof detail === 'string') result.description = detail;
  else {
    const message = text(body['message']);
    if (message) result.description = message.split('\n')[0];
  }
  return result;
}

// What the client was doing when something failed: named in the sentence an operator reads.

export type Operation =
  'handshake' | 'inbox' | 'count' | 'metadata' | 'download' | 'acknowledge' | 'send' | 'send-chunk' | 'track' | 'track-local-id' | 'lookup';

/** What the client was doing, so the sentence can name it. Never holds a secret. */
export interface OperationContext {
  operation: Operation;
  mailbox: string;
  baseUrl: string;
  messageId?: string;
  to?: string;
  workflowId?: string;
  localId?: string;
  chunk?: { index: number; count: number };
  odsCode?: string;
}

export const WHAT: Record<Operation, string> = {
  handshake: 'validate the mailbox',
  inbox: 'list the inbox',
  count: 'count the inbox',
  metadata: 'read the message details',
  download: 'download the message',
  acknowledge: 'acknowledge the message',
  send: 'send the message',
  'send-chunk': 'send the next chunk',
  track: 'track the message',
  'track-local-id': 'track the message by local ID',
  lookup: 'look up the mailbox',
};

export function hostOf(ctx: OperationContext): string {
  try {
    return new URL(ctx.baseUrl).host;
  } catch {
    return ctx.baseUrl;
  }
}

export function messageRef(ctx: OperationContext): string {
  return ctx.messageId ? `message ${ctx.messageId}` : 'the message';
}

export function chunkRef(ctx: OperationContext): string {
  return ctx.chunk ? `chunk ${ctx.chunk.index} of ${ctx.chunk.count}` : 'a chunk';
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

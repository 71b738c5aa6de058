// One request as the routes see it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MailboxRecord } from './directory';
import type { SandboxState } from './state';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** URL path without the query, percent-decoded per segment by the router. */
  path: string;
  query: URLSearchParams;
  /** Path parameters; `mailbox` and `messageId` already upper-cased where the sandbox does so. */
  params: Record<string, string>;
  /** API version from Accept (1 when absent or malformed). */
  version: number;
  /** The authenticated mailbox, on authenticated routes. */
  mailbox: MailboxRecord;
  state: SandboxState;
  /** A request header by name, case-insensitively; the first value when repeated. */
  header(name: string): string | undefined;
}

export function headerReader(req: IncomingMessage): (name: string) => string | undefined {
  return (name) => {
    const value = req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
}

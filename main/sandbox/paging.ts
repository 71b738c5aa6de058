// Pages of a list after a given message id, as the sandbox pages its inbox and rich views.
import type { StoredMessage } from './message';

export function pageAfter(
  messages: StoredMessage[],
  afterId: string | undefined,
  maxResults: number,
): { page: StoredMessage[]; lastId?: string } {
  let rest = messages;
  if (afterId) {
    const index = messages.findIndex((m) => m.messageId === afterId);
    if (index > -1) rest = messages.slice(index + 1);
  }
  if (rest.length <= maxResults) return { page: rest };
  const page = rest.slice(0, maxResults);
  return { page, lastId: page[page.length - 1]?.messageId };
}

/** A relative link with the given query values, leaving out undefined ones (in the order given). */
export function link(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  // Python's urlencode (quote_plus) also escapes `*`; `~` it leaves alone.
  const text = params.toString().replace(/\*/g, '%2A').replace(/%7E/g, '~');
  return text ? `${path}?${text}` : path;
}

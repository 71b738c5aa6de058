// The inbox's order as the operator last arranged it (sorted, searched), so the message view's
// Next and Previous follow what the operator saw, not MESH's own order.
let order: readonly string[] = [];

export function rememberInboxOrder(ids: readonly string[]): void {
  order = ids;
}

/** The messages before and after this one in that order, and where it stands. */
export function neighboursOf(id: string): { previous?: string; next?: string; position?: number; total: number } {
  const at = order.indexOf(id);
  if (at < 0) return { total: order.length };
  return {
    ...(at > 0 ? { previous: order[at - 1] } : {}),
    ...(at < order.length - 1 ? { next: order[at + 1] } : {}),
    position: at + 1,
    total: order.length,
  };
}

/** An acknowledged message leaves the order. */
export function forgetInOrder(ids: readonly string[]): void {
  const gone = new Set(ids);
  order = order.filter((id) => !gone.has(id));
}

/** The search and sort the operator chose, kept while they look at messages and come back. */
export interface InboxArrangement<S> {
  search: string;
  sort: S | undefined;
}
let arrangement: InboxArrangement<unknown> = { search: '', sort: undefined };

export function lastArrangement<S>(): InboxArrangement<S> {
  return arrangement as InboxArrangement<S>;
}

export function keepArrangement<S>(next: InboxArrangement<S>): void {
  arrangement = next;
}

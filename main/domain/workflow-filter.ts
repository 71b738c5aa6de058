// A MESH workflow_filter: WF, !WF, WF*, !WF*, *WF*, !*WF* (docs/mesh-protocol.md, "Inbox"). The local
// server filters its inbox with it, and the console's folder pass filters an inbox list it already has.

export function workflowFilter(raw: string | undefined): ((workflowId: string) => boolean) | undefined {
  let filter = (raw ?? '').trim();
  if (!filter) return undefined;
  const not = filter.startsWith('!');
  if (not) filter = filter.slice(1);
  const contains = filter.startsWith('*');
  if (contains) filter = filter.slice(1, -1);
  const beginsWith = !contains && filter.endsWith('*');
  if (beginsWith) filter = filter.slice(0, -1);
  const value = filter;
  let test: (workflowId: string) => boolean;
  if (contains) test = (id) => id.includes(value);
  else if (beginsWith) test = (id) => id.startsWith(value);
  else test = (id) => id === value;
  return not ? (id) => !test(id) : test;
}

/** Whether a message's workflow passes the filter; no filter passes everything. */
export function matchesWorkflowFilter(raw: string | undefined, workflowId: string | undefined): boolean {
  const test = workflowFilter(raw);
  return !test || test(workflowId ?? '');
}

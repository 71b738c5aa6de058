// Fault injection for tests: the next N matching requests get a status, a delay, or a connection
// cut part-way through the response body.
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { FaultSpec, FaultState } from './types';
import { compilePathPattern, type PathPattern } from './path-pattern';

/** Paths faults never apply to, so tests can always reach the admin routes. */
const EXEMPT = /^\/(messageexchange\/)?admin(\/|$)/;
const MAX_SPENT = 100;

export class FaultRegistry {
  private readonly list: (FaultState & { pattern?: PathPattern })[] = [];

  add(spec: FaultSpec): string {
    // Never a RegExp of the caller's text: see path-pattern.ts.
    const pattern = spec.path !== undefined ? compilePathPattern(spec.path) : undefined;
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error('A fault count must be a whole number of at least 1.');
    if (spec.status !== undefined && (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599)) {
      throw new Error('A fault status must be an HTTP status code between 100 and 599.');
    }
    const id = randomUUID();
    this.dropOldSpent();
    this.list.push({ ...spec, method: spec.method?.toUpperCase(), id, remaining: count, hits: 0, pattern });
    return id;
  }

  /** The first live fault matching this request, counted as used. */
  take(method: string, path: string): FaultState | undefined {
    if (EXEMPT.test(path)) return undefined;
    const fault = this.list.find((f) => f.remaining > 0 && (!f.method || f.method === method) && (!f.pattern || f.pattern.test(path)));
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    return fault;
  }

  /** Spent faults stay listed (with their hits) for tests to inspect, but not without bound. */
  private dropOldSpent(): void {
    const spent = this.list.filter((f) => f.remaining === 0);
    for (const fault of spent.slice(0, Math.max(0, spent.length - MAX_SPENT))) this.list.splice(this.list.indexOf(fault), 1);
  }

  remove(id: string): boolean {
    const index = this.list.findIndex((f) => f.id === id);
    if (index >= 0) this.list.splice(index, 1);
    return index >= 0;
  }

  clear(): void {
    this.list.length = 0;
  }

  all(): FaultState[] {
    return this.list.map(({ pattern: _pattern, ...fault }) => ({ ...fault }));
  }
}

/**
 * Lets the response send its headers and at most `limit` body bytes, then destroys the socket.
 * The limit is capped below the declared Content-Length so the client always sees a short body.
 */
export function cutResponseAfter(res: ServerResponse, limit: number): void {
  let sent = 0;
  let cut = false;
  let declaredLength: number | undefined;
  const write = res.write.bind(res) as (chunk: unknown, ...args: unknown[]) => boolean;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;

  res.writeHead = ((...args: unknown[]) => {
    const headers = args.find((a): a is Record<string, unknown> => typeof a === 'object' && a !== null && !Array.isArray(a));
    const length = headers && Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-length')?.[1];
    if (length !== undefined) declaredLength = Number(length);
    return writeHead(...args);
  }) as ServerResponse['writeHead'];

  const allowance = () => {
    const declared = declaredLength ?? Number(res.getHeader('content-length'));
    const cap = Number.isFinite(declared) && declared > 0 ? Math.min(limit, declared - 1) : limit;
    return Math.max(0, cap - sent);
  };
  const cutNow = () => {
    if (cut) return;
    cut = true;
    if (!res.headersSent) res.flushHeaders();
    // Give the bytes already written a moment to leave before the socket goes.
    setImmediate(() => res.socket?.destroy());
  };
  const toBuffer = (chunk: unknown, encoding?: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk, (encoding as BufferEncoding) || 'utf8')
        : Buffer.from(chunk as Uint8Array);

  res.write = ((chunk: unknown, ...args: unknown[]) => {
    if (cut) return true;
    const data = toBuffer(chunk, typeof args[0] === 'string' ? args[0] : undefined);
    const room = allowance();
    if (data.length < room || (data.length === room && room === 0)) {
      sent += data.length;
      // The caller's callback still hears when the bytes have gone; past the cut, it never does (the close says so).
      const callback = args.find((arg) => typeof arg === 'function');
      return callback ? write(data, callback) : write(data);
    }
    if (room > 0) write(data.subarray(0, room));
    sent += room;
    cutNow();
    return true;
  }) as ServerResponse['write'];

  res.end = ((...args: unknown[]) => {
    const [chunk] = args;
    if (!cut && chunk !== undefined && typeof chunk !== 'function') res.write(chunk as Buffer);
    cutNow();
    return res;
  }) as ServerResponse['end'];
}

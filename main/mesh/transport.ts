// One MESH HTTP exchange, with the retry loop around it. Every attempt gets a fresh NHSMESH
// token and a fresh request body (a body factory is called per attempt), so a retried chunk
// re-reads its bytes. Reports each attempt through onCall, without secrets.
import { finished } from 'node:stream';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { freshAuthorization } from './auth-token';
import { MeshError } from './errors';
import { errorFromTransport, isConnectionCut } from './connection-errors';
import { errorFromResponse } from './http-errors';
import { hostOf, WHAT, type OperationContext } from './operation';
import { ResponseHeaders, type RawHeaders } from './headers';
import { parseErrorBody, parseJson, parseSendAccepted } from './responses';
import {
  isRetryableStatus,
  mayReconnect,
  mayRetry,
  reconnectDelayMs,
  retryDelayMs,
  parseRetryAfter,
  type RetryPolicy,
} from './retry-policy';
import type { MeshCall } from './types';

export type RequestBody = Readable | Buffer | Uint8Array | string | null;

export interface MeshRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  /** Path (with query) after the base URL, e.g. `/messageexchange/X26ABC1/inbox`. */
  path: string;
  headers?: Record<string, string>;
  /** Called once per attempt, so every attempt sends the body from the start. */
  body?: (attempt: number) => RequestBody | Promise<RequestBody>;
  /** False for the message-creating POST: never repeated automatically. Default true. */
  retry?: boolean;
  ctx: OperationContext;
  /** Hand the response body back as a stream (the caller must read or destroy it). */
  stream?: boolean;
}

export interface MeshResponse {
  status: number;
  headers: ResponseHeaders;
  attempt: number;
  /** For stream requests: the raw body (still gzipped if Content-Encoding says so). */
  body?: Readable;
  /** For other requests: the body as text, gunzipped. */
  text: string;
}

export interface TransportOptions {
  baseUrl: string;
  credentials: { mailbox: string; password: string; sharedKey: string };
  /** Made on first use, so a bad certificate surfaces as the failure of the first operation. */
  dispatcher: () => Dispatcher;
  policy: RetryPolicy;
  timeoutMs: number;
  userAgent: string;
  log: (line: string) => void;
  onCall?: (call: MeshCall) => void;
  /**
   * After this long without an answer (and every 30 s after), a line says what the client waits
   * for and how long it will wait; default 5 s.
   */
  waitNoticeMs?: number;
  /** Called before a try after a connection failure: later requests go over a new connection. */
  reconnect?: () => void;
  /** Asked why a connection was cut before any answer; a MeshError replaces the network error. */
  diagnose?: (ctx: OperationContext) => Promise<MeshError | undefined>;
}

/**
 * Bodies we read whole are JSON or error text: small (an inbox page of 5000 ids is about 200 KB).
 * The bound holds before and after gunzip, so a small gzip that inflates to gigabytes is refused
 * once it passes the bound, never held whole.
 */
export const MAX_TEXT_BODY = 32 * 1024 * 1024;

function tooLarge(ctx: OperationContext): MeshError {
  return new MeshError(
    'unexpected-response',
    `The server sent far more than any MESH answer (over ${MAX_TEXT_BODY / 1024 / 1024} MB) when asked to ` +
      `${WHAT[ctx.operation]}, so the console stopped reading it: check the base URL points at MESH.`,
    { settings: ['baseUrl'], retryable: false },
  );
}

async function readText(body: Readable, headers: ResponseHeaders, ctx: OperationContext): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    const buffer = Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array);
    size += buffer.length;
    if (size > MAX_TEXT_BODY) {
      body.destroy();
      throw tooLarge(ctx);
    }
    parts.push(buffer);
  }
  const raw = Buffer.concat(parts);
  const gzipped = /gzip/i.test(headers.get('content-encoding') ?? '') && raw.length > 0;
  if (!gzipped) return raw.toString('utf8');
  try {
    return gunzipSync(raw, { maxOutputLength: MAX_TEXT_BODY }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(ctx);
    throw new MeshError(
      'unexpected-response',
      `The server said its answer was gzipped but it is not readable gzip when asked to ${WHAT[ctx.operation]}: ` +
        `check the base URL points at MESH.`,
      { settings: ['baseUrl'], retryable: false, cause: error },
    );
  }
}

/** The new message's id for the audit of the creating POST, when the answer has one. */
function createdId(text: string): { messageId?: string } {
  try {
    return { messageId: parseSendAccepted(parseJson(text)) };
  } catch {
    return {};
  }
}

/** How recent the server's last answer must be for a failing connection to be waited for. */
const RECENT_ANSWER_MS = 60_000;

export class MeshTransport {
  private readonly origin: string;
  private readonly prefix: string;

  constructor(private readonly options: TransportOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
  }

  get policy(): RetryPolicy {
    return this.options.policy;
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  /** A server-relative link (v2 `links.next`) as a path for this transport; other origins are not followed. */
  pathOfLink(link: string): string {
    const url = new URL(link, this.origin);
    const path = `${url.pathname}${url.search}`;
    return this.prefix && path.startsWith(`${this.prefix}/`) ? path.slice(this.prefix.length) : path;
  }

  /**
   * When the server last answered this client. Only a server that answered within a minute of
   * the failure is waited for (one restarting in the middle of a transfer); one long gone, or
   * never reached, fails after the usual retries.
   */
  private lastAnswer: number | undefined;

  /** What errorFromTransport needs to say how long was really waited. */
  private waited(started: number, attempt: number, failingSince: number | undefined) {
    const now = performance.now();
    return {
      timeoutMs: this.options.timeoutMs,
      waitedMs: now - started,
      attempts: attempt,
      ...(failingSince !== undefined ? { failingForMs: now - failingSince } : {}),
    };
  }

  /**
   * The wait before trying again after a connection failure or timeout, on a new connection;
   * undefined when no try is left. Past the usual retries, a connection refused or cut to a server
   * that answered before is tried again until the reconnect window has passed.
   */
  private retryDelay(error: MeshError, attempt: number, failingSince: number): number | undefined {
    const { policy } = this.options;
    if (error.kind !== 'network' && error.kind !== 'timeout') return undefined;
    let delay: number | undefined;
    if (mayRetry(policy, attempt)) delay = retryDelayMs(policy, attempt);
    else if (
      error.kind === 'network' &&
      this.lastAnswer !== undefined &&
      failingSince - this.lastAnswer < RECENT_ANSWER_MS &&
      mayReconnect(policy, performance.now() - failingSince)
    ) {
      delay = reconnectDelayMs(policy, attempt);
    }
    // The connections of the pool may all be dead (a server restarted): the next try opens a new one.
    if (delay !== undefined) this.options.reconnect?.();
    return delay;
  }

  /** Starts the lines said while no answer comes; returns the function that stops them. */
  private waitNotice(request: MeshRequest, started: number): () => void {
    const first = this.options.waitNoticeMs ?? 5_000;
    const host = hostOf(request.ctx);
    const limit = Math.round(this.options.timeoutMs / 1000);
    let timer: NodeJS.Timeout;
    const say = () => {
      const so = Math.round((performance.now() - started) / 1000);
      this.options.log(
        `Still waiting for MESH at ${host} to answer (to ${WHAT[request.ctx.operation]}), ${so} s so far; ` +
          `the console gives up after ${limit} s without an answer.`,
      );
      timer = setTimeout(say, 30_000);
      timer.unref();
    };
    timer = setTimeout(say, first);
    timer.unref();
    return () => clearTimeout(timer);
  }

  private retryLine(delay: number, attempt: number, failingSince: number): string {
    const { policy } = this.options;
    const wait = `Retrying in ${(delay / 1000).toFixed(1)} s`;
    if (mayRetry(policy, attempt)) return `${wait} (try ${attempt + 1} of ${policy.maxRetries + 1}).`;
    const so = Math.round((performance.now() - failingSince) / 1000);
    const window = Math.round(policy.reconnectWindowMs / 1000);
    return `${wait} on a new connection (try ${attempt + 1}): waiting up to ${window} s for MESH to answer again, ${so} s so far.`;
  }

  private emit(call: MeshCall): void {
    try {
      this.options.onCall?.(call);
    } catch {
      // An audit sink that throws must not break the MESH operation.
    }
  }

  private headersFor(request: MeshRequest): Record<string, string> {
    return {
      accept: 'application/vnd.mesh.v2+json',
      'accept-encoding': 'gzip',
      'user-agent': this.options.userAgent,
      ...request.headers,
      authorization: freshAuthorization(this.options.credentials),
    };
  }

  async request(request: MeshRequest): Promise<MeshResponse> {
    const { policy, log } = this.options;
    const retry = request.retry !== false;
    const messageId = request.ctx.messageId;
    /** When the first try of this request that failed below HTTP started. */
    let failingSince: number | undefined;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      const call = (fields: Partial<MeshCall> & { ok: boolean }) =>
        this.emit({
          method: request.method,
          path: request.path,
          ms: Math.round(performance.now() - started),
          attempt,
          ...(messageId ? { messageId } : {}),
          ...fields,
        });

      let response: Dispatcher.ResponseData;
      let notice: (() => void) | undefined;
      try {
        const body = request.body ? await request.body(attempt) : null;
        // A request with a body shows its own progress while it uploads; one without says what it waits for.
        if (body === null) notice = this.waitNotice(request, started);
        response = await this.options.dispatcher().request({
          origin: this.origin,
          path: `${this.prefix}${request.path}`,
          method: request.method,
          headers: this.headersFor(request),
          body,
          // undici closes the connection after a HEAD unless told the server ends HEAD replies
          // properly; MESH does (Content-Length: 0), and a new TLS connection per message is slow.
          ...(request.method === 'HEAD' ? { reset: false } : {}),
        });
      } catch (error) {
        let mapped = errorFromTransport(error, request.ctx, this.waited(started, attempt, failingSince));
        if (attempt === 1 && this.options.diagnose && isConnectionCut(error)) {
          mapped = (await this.options.diagnose(request.ctx).catch(() => undefined)) ?? mapped;
        }
        call({ ok: false, error: mapped.message });
        failingSince ??= started;
        const delay = retry ? this.retryDelay(mapped, attempt, failingSince) : undefined;
        if (delay !== undefined) {
          log(`MESH ${request.method} ${request.path}: ${mapped.message} ${this.retryLine(delay, attempt, failingSince)}`);
          await sleep(delay);
          continue;
        }
        throw mapped;
      } finally {
        notice?.();
      }

      const status = response.statusCode;
      this.lastAnswer = performance.now();
      const headers = new ResponseHeaders(response.headers as RawHeaders);
      if (status >= 200 && status < 300) {
        if (request.stream) {
          finished(response.body, (error) => {
            if (!error) call({ ok: true, status });
            else
              call({ ok: false, status, error: errorFromTransport(error, request.ctx, this.waited(started, attempt, undefined)).message });
          });
          return { status, headers, attempt, body: response.body, text: '' };
        }
        let text: string;
        try {
          text = await readText(response.body, headers, request.ctx);
        } catch (error) {
          const mapped = errorFromTransport(error, request.ctx, this.waited(started, attempt, failingSince));
          call({ ok: false, status, error: mapped.message });
          failingSince ??= started;
          const delay = retry ? this.retryDelay(mapped, attempt, failingSince) : undefined;
          if (delay !== undefined) {
            log(`MESH ${request.method} ${request.path}: ${mapped.message} ${this.retryLine(delay, attempt, failingSince)}`);
            await sleep(delay);
            continue;
          }
          throw mapped;
        }
        call({ ok: true, status, ...(request.ctx.operation === 'send' ? createdId(text) : {}) });
        return { status, headers, attempt, text };
      }

      let errorText = '';
      try {
        errorText = await readText(response.body, headers, request.ctx);
      } catch {
        // The status is what matters; an unreadable error body leaves only the status.
      }
      const errorBody = parseErrorBody(parseJson(errorText) ?? errorText);
      if (retry && isRetryableStatus(status) && mayRetry(policy, attempt)) {
        const delay = retryDelayMs(policy, attempt, parseRetryAfter(headers.get('retry-after')));
        call({ ok: false, status, error: `HTTP ${status}, retrying` });
        log(
          `MESH ${request.method} ${request.path} answered HTTP ${status}; retrying in ${(delay / 1000).toFixed(1)} s ` +
            `(try ${attempt + 1} of ${policy.maxRetries + 1}).`,
        );
        await sleep(delay);
        continue;
      }
      const mapped = errorFromResponse(status, errorBody, request.ctx, attempt);
      call({ ok: false, status, error: mapped.message });
      throw mapped;
    }
  }
}

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
import type { OperationContext } from './operation';
import { ResponseHeaders, type RawHeaders } from './headers';
import { parseErrorBody, parseJson, parseSendAccepted } from './responses';
import { isRetryableStatus, mayRetry, retryDelayMs, parseRetryAfter, type RetryPolicy } from './retry-policy';
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
  /** Asked why a connection was cut before any answer; a MeshError replaces the network error. */
  diagnose?: (ctx: OperationContext) => Promise<MeshError | undefined>;
}

/** Bodies we read whole are JSON or error text: small. */
const MAX_TEXT_BODY = 32 * 1024 * 1024;

async function readText(body: Readable, headers: ResponseHeaders): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of body) {
    const buffer = Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array);
    size += buffer.length;
    if (size > MAX_TEXT_BODY) {
      body.destroy();
      throw new MeshError('unexpected-response', 'MESH sent a much larger answer than expected: check the base URL points at MESH.', {
        settings: ['baseUrl'],
      });
    }
    parts.push(buffer);
  }
  const raw = Buffer.concat(parts);
  const gzipped = /gzip/i.test(headers.get('content-encoding') ?? '') && raw.length > 0;
  return (gzipped ? gunzipSync(raw) : raw).toString('utf8');
}

/** The new message's id for the audit of the creating POST, when the answer has one. */
function createdId(text: string): { messageId?: string } {
  try {
    return { messageId: parseSendAccepted(parseJson(text)) };
  } catch {
    return {};
  }
}

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
      try {
        const body = request.body ? await request.body(attempt) : null;
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
        let mapped = errorFromTransport(error, request.ctx, { timeoutMs: this.options.timeoutMs, attempts: attempt });
        if (attempt === 1 && this.options.diagnose && isConnectionCut(error)) {
          mapped = (await this.options.diagnose(request.ctx).catch(() => undefined)) ?? mapped;
        }
        call({ ok: false, error: mapped.message });
        if (retry && (mapped.kind === 'network' || mapped.kind === 'timeout') && mayRetry(policy, attempt)) {
          const delay = retryDelayMs(policy, attempt);
          log(
            `MESH ${request.method} ${request.path}: ${mapped.message} Retrying in ${(delay / 1000).toFixed(1)} s (try ` +
              `${attempt + 1} of ${policy.maxRetries + 1}).`,
          );
          await sleep(delay);
          continue;
        }
        throw mapped;
      }

      const status = response.statusCode;
      const headers = new ResponseHeaders(response.headers as RawHeaders);
      if (status >= 200 && status < 300) {
        if (request.stream) {
          finished(response.body, (error) => {
            if (!error) call({ ok: true, status });
            else call({ ok: false, status, error: errorFromTransport(error, request.ctx, { timeoutMs: this.options.timeoutMs }).message });
          });
          return { status, headers, attempt, body: response.body, text: '' };
        }
        let text: string;
        try {
          text = await readText(response.body, headers);
        } catch (error) {
          const mapped = errorFromTransport(error, request.ctx, { timeoutMs: this.options.timeoutMs, attempts: attempt });
          call({ ok: false, status, error: mapped.message });
          if (retry && (mapped.kind === 'network' || mapped.kind === 'timeout') && mayRetry(policy, attempt)) {
            await sleep(retryDelayMs(policy, attempt));
            continue;
          }
          throw mapped;
        }
        call({ ok: true, status, ...(request.ctx.operation === 'send' ? createdId(text) : {}) });
        return { status, headers, attempt, text };
      }

      let errorText = '';
      try {
        errorText = await readText(response.body, headers);
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

// One request from arrival to answer: faults, routing, Accept, auth, the handler, errors, the log.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseAuthorization } from '../mesh/auth-token';
import { parseAcceptVersion } from './accept';
import { authenticate } from './auth';
import { headerReader, type RequestContext } from './context';
import { Errors, SandboxError } from './errors';
import { cutResponseAfter } from './faults';
import { sendError } from './responses';
import type { Router } from './router';
import type { SandboxState } from './state';
import type { MailboxRecord } from './directory';
import { isLoopback } from './loopback';
import { expireUncollected } from './expiry';

export type RequestLogger = (line: string) => void;

export function createDispatcher(router: Router, state: SandboxState, log?: RequestLogger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const path = url.pathname;
    const header = headerReader(req);
    const parsedVersion = parseAcceptVersion(header('accept'));
    const version = parsedVersion ?? 1;

    res.once('close', () => {
      const token = parseAuthorization(header('authorization'));
      const status = res.statusCode;
      state.requestLog.add({
        at: state.now().toISOString(),
        method,
        path,
        status,
        ...(token ? { mailbox: token.mailbox, nonce: token.nonce, nonceCount: token.nonceCount, timestamp: token.timestamp } : {}),
      });
      log?.(`${method} ${path} ${status} ${Math.round(performance.now() - started)}ms`);
    });

    try {
      const fault = state.faults.take(method, path);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.cutAfterBytes !== undefined) cutResponseAfter(res, fault.cutAfterBytes);
      if (fault?.status !== undefined) {
        req.resume();
        const headers: Record<string, string> =
          fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
        const error = Errors.status(fault.status, STATUS_CODES[fault.status] ?? 'Error');
        return sendError(res, fault.status, error.body, version, headers);
      }

      if (state.checks.expireUncollected) await expireUncollected(state);
      const match = router.match(method, path);
      if (match.kind === 'not-found') throw Errors.notFound();
      if (match.kind === 'method-not-allowed') throw Errors.methodNotAllowed();
      const { route, params } = match;
      if (route.admin && !state.adminFromAnywhere && !isLoopback(req.socket.remoteAddress)) throw Errors.adminNotLocal();

      let mailbox: MailboxRecord | undefined;
      if (route.auth) mailbox = authenticate(state, params.mailbox ?? '', header('authorization'));
      if (route.accept && parsedVersion === null) throw Errors.badAccept();

      const ctx: RequestContext = {
        req,
        res,
        method,
        path,
        query: url.searchParams,
        params,
        version,
        state,
        header,
        mailbox: mailbox as MailboxRecord,
      };
      await route.handler(ctx);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const known = error instanceof SandboxError ? error : Errors.internal();
      if (!(error instanceof SandboxError)) log?.(`error handling ${method} ${path}: ${(error as Error)?.message ?? error}`);
      sendError(res, known.status, known.body, version);
    }
  };
}

// Everything the routes share: who exists, the messages, the switches, and the per-process secrets.
import type { Directory } from './directory';
import type { MessageStore } from './store/message-store';
import type { SandboxChecks } from './types';
import type { NonceCache } from './nonce-cache';
import type { ContinueTokens } from './continue-token';
import type { FaultRegistry } from './faults';
import type { RequestLog } from './request-log';

export interface SandboxState {
  directory: Directory;
  store: MessageStore;
  sharedKey: string;
  checks: SandboxChecks;
  nonces: NonceCache;
  continueTokens: ContinueTokens;
  faults: FaultRegistry;
  requestLog: RequestLog;
  /** The server's time: message times, the token window, expiry. Injectable, so tests need not wait days. */
  now: () => Date;
  /** Serve the admin routes to other machines too (else only to loopback). */
  adminFromAnywhere: boolean;
  /** See MeshServerOptions.gzipFrameBytes. */
  gzipFrameBytes?: number;
}

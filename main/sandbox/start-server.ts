// Starts the local MESH server: state, store, routes, and an HTTPS (or HTTP) listener.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { Admin } from './admin';
import { initialChecks } from './checks';
import { ContinueTokens } from './continue-token';
import { createDispatcher } from './dispatch';
import { DEFAULT_MAILBOXES, DEFAULT_WORKFLOWS, Directory, type MailboxRecord } from './directory';
import { FaultRegistry } from './faults';
import { NonceCache } from './nonce-cache';
import { RequestLog } from './request-log';
import { buildRouter } from './routes';
import type { SandboxState } from './state';
import { MemoryChunkStore } from './store/chunk-store';
import { FileChunkStore } from './store/file-chunk-store';
import { MessageFiles } from './store/message-files';
import { MessageStore } from './store/message-store';
import { serverIdentity, serverNames } from './tls';
import type { MeshServerOptions, RunningMeshServerWithAdmin, SandboxMailbox } from './types';

function toMailboxRecord(m: SandboxMailbox): MailboxRecord {
  return {
    mailboxId: m.mailboxId.toUpperCase(),
    mailboxName: m.mailboxName,
    password: m.password,
    odsCode: m.odsCode,
    orgCode: m.orgCode ?? m.odsCode,
    orgName: m.orgName ?? '',
    billingEntity: m.billingEntity ?? 'England',
    active: true,
  };
}

async function openStore(dataDir: string | undefined): Promise<MessageStore> {
  if (!dataDir) return new MessageStore(new MemoryChunkStore());
  const root = join(dataDir, 'mailboxes');
  await mkdir(root, { recursive: true });
  const store = new MessageStore(new FileChunkStore(root), new MessageFiles(root));
  await store.load();
  return store;
}

export async function startMeshServer(options: MeshServerOptions = {}): Promise<RunningMeshServerWithAdmin> {
  const state: SandboxState = {
    directory: new Directory(options.mailboxes?.map(toMailboxRecord) ?? DEFAULT_MAILBOXES, options.workflows ?? DEFAULT_WORKFLOWS),
    store: await openStore(options.dataDir),
    sharedKey: options.sharedKey ?? 'TestKey',
    checks: initialChecks(options),
    nonces: new NonceCache(),
    continueTokens: new ContinueTokens(),
    faults: new FaultRegistry(),
    requestLog: new RequestLog(),
    adminFromAnywhere: options.adminFromAnywhere === true,
    ...(options.gzipFrameBytes ? { gzipFrameBytes: options.gzipFrameBytes } : {}),
    now: options.clock ? () => new Date(options.clock!().getTime()) : () => new Date(),
  };
  const admin = new Admin(state);
  const dispatch = createDispatcher(buildRouter(admin), state, options.log);
  // Requests still being handled: close() waits for them, so a handler cut by the close (its
  // socket destroyed) has finished with the data folder before close returns.
  const handling = new Set<Promise<void>>();
  const listener = (req: Parameters<typeof dispatch>[0], res: Parameters<typeof dispatch>[1]) => {
    const handled = dispatch(req, res);
    handling.add(handled);
    const done = () => void handling.delete(handled);
    handled.then(done, done);
  };

  let server: Server;
  let serverCertificatePem: string | undefined;
  let certificateRemadeFor: string[] | undefined;
  if (options.http) {
    server = createHttpServer(listener);
  } else {
    const identity = await serverIdentity({ tls: options.tls, dataDir: options.dataDir, names: serverNames(options.host) });
    serverCertificatePem = identity.certificatePem;
    certificateRemadeFor = identity.remadeFor;
    server = createHttpsServer(
      {
        cert: identity.certificatePem,
        key: identity.privateKeyPem,
        minVersion: 'TLSv1.2',
        ...(options.clientCa ? { ca: options.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
      },
      listener,
    );
  }
  // Large chunks can take a while on a slow link; the sandbox has no request deadline either.
  server.requestTimeout = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // A refused client certificate ends in a TLS error on that socket, not a server failure.
  server.on('tlsClientError', () => undefined);

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;

  let closing: Promise<void> | undefined;
  return {
    url: `${options.http ? 'http' : 'https'}://${urlHost}:${port}`,
    port,
    serverCertificatePem,
    ...(certificateRemadeFor ? { certificateRemadeFor } : {}),
    admin,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
        await Promise.allSettled([...handling]);
        await state.store.flush();
      })();
      return closing;
    },
  };
}

// Starts the local MESH server for a test over HTTPS with mutual TLS (the test PKI), and sends
// raw requests to it with a real NHSMESH token, so each test checks exactly what goes over the wire.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request, type Dispatcher } from 'undici';
import { startMeshServer } from '../../main/sandbox/index';
import type { MeshServerOptions, RunningMeshServerWithAdmin } from '../../main/sandbox/types';
import { authorizationHeader, freshAuthorization, meshTimestamp } from '../../main/mesh/auth-token';
import { testPki } from '../support/pki';

export const V2 = 'application/vnd.mesh.v2+json';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the server answered
  json: any;
}

export interface CallOptions {
  method?: string;
  /** Mailbox whose token to send; `null` for none. Default: the path's mailbox. */
  as?: string | null;
  password?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send `Accept: application/vnd.mesh.v2+json`. */
  v2?: boolean;
}

export interface Harness {
  server: RunningMeshServerWithAdmin;
  agent: Agent;
  call(path: string, options?: CallOptions): Promise<Reply>;
  token(
    mailbox: string,
    overrides?: { nonce?: string; nonceCount?: number; timestamp?: string; password?: string; sharedKey?: string },
  ): string;
  close(): Promise<void>;
}

export async function toReply(response: Dispatcher.ResponseData): Promise<Reply> {
  const body = Buffer.from(await response.body.arrayBuffer());
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  const text = body.toString('utf8');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.statusCode, headers, body, text, json };
}

export async function startHarness(options: MeshServerOptions = {}): Promise<Harness> {
  const pki = await testPki();
  const server = await startMeshServer({
    tls: pki.server,
    clientCa: pki.ca.certificatePem,
    ...options,
  });
  const agent = new Agent({
    connect: { ca: pki.ca.certificatePem, cert: pki.client.certificatePem, key: pki.client.privateKeyPem },
  });
  const token: Harness['token'] = (mailbox, overrides = {}) =>
    overrides.nonce || overrides.timestamp || overrides.nonceCount !== undefined || overrides.sharedKey || overrides.password
      ? authorizationHeader({
          mailbox,
          password: overrides.password ?? 'password',
          sharedKey: overrides.sharedKey ?? 'TestKey',
          nonce: overrides.nonce ?? crypto.randomUUID(),
          nonceCount: overrides.nonceCount ?? 1,
          timestamp: overrides.timestamp ?? meshTimestamp(),
        })
      : freshAuthorization({ mailbox, password: 'password', sharedKey: 'TestKey' });

  const call: Harness['call'] = async (path, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    const pathMailbox = /^\/messageexchange\/([^/?]+)/.exec(path)?.[1];
    const as = o.as === undefined ? pathMailbox : o.as;
    if (as) headers.authorization = token(as, o.password ? { password: o.password } : {});
    if (o.v2) headers.accept = V2;
    const response = await request(`${server.url}${path}`, {
      method: (o.method ?? 'GET') as Dispatcher.HttpMethod,
      headers,
      body: o.body,
      dispatcher: agent,
    });
    return toReply(response);
  };

  let closing: Promise<void> | undefined;
  return {
    server,
    agent,
    call,
    token,
    // Idempotent, so a test's finally can close whatever is still open.
    close: () =>
      (closing ??= (async () => {
        await agent.close();
        await server.close();
      })()),
  };
}

/** A harness whose server keeps its data in files, in a new temp folder named from `prefix`, removed when it closes. */
export async function startHarnessInFolder(prefix: string, options: MeshServerOptions = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const removeFolder = () => rm(dataDir, { recursive: true, force: true });
  const h = await startHarness({ ...options, dataDir }).catch(async (error: unknown) => {
    await removeFolder();
    throw error;
  });
  let closing: Promise<void> | undefined;
  return { ...h, close: () => (closing ??= h.close().finally(removeFolder)) };
}

export const HANDSHAKE_HEADERS = { 'mex-ClientVersion': 'mesh-console;0.1.0', 'mex-OSName': 'Linux', 'mex-OSVersion': '6.1' };

/** Sends a one-chunk message and returns its id. */
export async function sendMessage(
  h: Harness,
  from: string,
  to: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<string> {
  const reply = await h.call(`/messageexchange/${from}/outbox`, {
    method: 'POST',
    body,
    headers: { 'mex-To': to, 'mex-WorkflowID': 'TEST_WORKFLOW', 'Content-Type': 'application/octet-stream', ...headers },
  });
  if (reply.status !== 202) throw new Error(`send failed: ${reply.status} ${reply.text}`);
  return reply.json.messageID as string;
}

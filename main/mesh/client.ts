// The MESH client: every operation a mailbox owner uses (docs/mesh-protocol.md, "Handshake" to
// "Lookup"), over mutual TLS, with retries that never repeat the message-creating POST, and
// errors an operator can act on.
import type { Dispatcher } from 'undici';
import { notAMailboxId, parseMailboxId } from '../domain/mailbox-id';
import { handshakeHeaders, userAgent } from './client-info';
import { downloadMessage } from './download';
import { environmentForUrl, readCaBundle } from './environments';
import { MeshError } from './errors';
import { WHAT, type Operation, type OperationContext } from './operation';
import { parseMetadata } from './metadata';
import { parseCount, parseInbox, parseJson, parseLookup, ResponseShapeError, type InboxPage, type MailboxMatch } from './responses';
import { retryPolicy } from './retry-policy';
import { sendMessage } from './send';
import { checkClientIdentity, createMeshAgent, diagnoseConnection, type TlsSettings } from './tls-agent';
import { parseTracking } from './tracking';
import { MeshTransport, type MeshResponse } from './transport';
import type {
  DownloadDestination,
  DownloadOptions,
  DownloadResult,
  InboxPageOptions,
  MeshClientOptions,
  MessageMetadata,
  SendMessageRequest,
  SendResult,
  Tracking,
} from './types';

const DEFAULT_TIMEOUT_MS = 300_000;
/** MESH's own page size: a page this full means more may be waiting. */
const MESH_PAGE_SIZE = 500;
/** Stops inboxAll from polling forever against a server that keeps answering full pages. */
const MAX_INBOX_POLLS = 1000;

function mailboxId(value: string): string {
  const mailbox = parseMailboxId(value);
  if (!mailbox) throw new MeshError('invalid-request', notAMailboxId(value), { settings: ['mailbox'] });
  return mailbox;
}

function pathPart(label: string, value: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new MeshError('invalid-request', `The ${label} is empty: enter one.`);
  return encodeURIComponent(trimmed);
}

export class MeshClient {
  private readonly transport: MeshTransport;
  private readonly mailbox: string;
  private readonly baseUrl: string;
  private readonly log: (line: string) => void;
  private agent: Dispatcher | undefined;
  private closed = false;

  constructor(private readonly options: MeshClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new MeshError(
        'invalid-request',
        `The base URL "${options.baseUrl}" is not a web address: give one such as https://msg.intspineservices.nhs.uk.`,
        { settings: ['baseUrl'] },
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new MeshError('invalid-request', 'The base URL must start with https:// (or http:// for a local MESH server).', {
        settings: ['baseUrl'],
      });
    }
    if (options.proxyUrl !== undefined && !/^https?:\/\/[^/]+/i.test(options.proxyUrl)) {
      throw new MeshError('invalid-request', 'The proxy must be a web address such as http://proxy.example.nhs.uk:8080.', {
        settings: ['proxy'],
      });
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '').replace(/\/messageexchange$/i, '');
    this.mailbox = mailboxId(options.mailbox);
    this.log = options.log ?? (() => {});
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.transport = new MeshTransport({
      baseUrl: this.baseUrl,
      credentials: { mailbox: this.mailbox, password: options.password, sharedKey: options.sharedKey },
      dispatcher: () => this.dispatcher(),
      policy: retryPolicy(options.retry),
      timeoutMs,
      userAgent: userAgent(options.clientName),
      log: this.log,
      ...(options.onCall ? { onCall: options.onCall } : {}),
      reconnect: () => this.dropConnections(),
      ...(options.waitNoticeMs !== undefined ? { waitNoticeMs: options.waitNoticeMs } : {}),
      // Through a proxy the probe could not take the same road, so there is nothing to diagnose.
      ...(options.proxyUrl
        ? {}
        : { diagnose: (ctx: OperationContext) => diagnoseConnection(this.baseUrl, this.tlsSettings(), ctx, timeoutMs) }),
    });
  }

  /** The mailbox this client acts as, upper case. */
  get mailboxId(): string {
    return this.mailbox;
  }

  private tls: TlsSettings | undefined;

  private tlsSettings(): TlsSettings {
    if (!this.tls) {
      const { options } = this;
      // An NHS host with no CA bundle given gets its environment's bundle, as mesh-client does.
      const env = environmentForUrl(this.baseUrl);
      const caPem = options.caPem ?? (env === 'local' || env === 'custom' ? undefined : readCaBundle(env));
      this.tls = {
        ...(options.certificatePem ? { certificatePem: options.certificatePem } : {}),
        ...(options.privateKeyPem ? { privateKeyPem: options.privateKeyPem } : {}),
        ...(options.privateKeyPassphrase ? { privateKeyPassphrase: options.privateKeyPassphrase } : {}),
        ...(caPem ? { caPem } : {}),
        disableSslVerification: options.disableSslVerification === true,
      };
    }
    return this.tls;
  }

  private dispatcher(): Dispatcher {
    if (this.closed) throw new MeshError('closed', 'The MESH connection has been closed: start the operation again.');
    if (!this.agent) {
      const tls = this.tlsSettings();
      checkClientIdentity(tls);
      this.agent = createMeshAgent({
        tls,
        timeoutMs: this.transport.timeoutMs,
        log: this.log,
        ...(this.options.proxyUrl ? { proxyUrl: this.options.proxyUrl } : {}),
      });
    }
    return this.agent;
  }

  /**
   * After a connection failed, the next request opens a new connection: the pool's idle ones may
   * be dead too (a server restarted). Requests still running on the old pool finish on it.
   */
  private dropConnections(): void {
    const old = this.agent;
    this.agent = undefined;
    old?.close().catch(() => {});
  }

  private ctx(operation: Operation, extra: Partial<OperationContext> = {}): OperationContext {
    return { operation, mailbox: this.mailbox, baseUrl: this.baseUrl, ...extra };
  }

  private json<T>(response: MeshResponse, ctx: OperationContext, read: (body: unknown) => T): T {
    try {
      return read(parseJson(response.text));
    } catch (error) {
      if (!(error instanceof ResponseShapeError)) throw error;
      throw new MeshError(
        'unexpected-response',
        `MESH gave an answer the console cannot read when asked to ${WHAT[ctx.operation]}: check the base URL points at MESH.`,
        { status: response.status, settings: ['baseUrl'], cause: error },
      );
    }
  }

  /** Validates the mailbox (POST, with mex-ClientVersion and mex-OS*). MESH asks for one a day. */
  async handshake(): Promise<void> {
    await this.transport.request({
      method: 'POST',
      path: `/messageexchange/${this.mailbox}`,
      headers: handshakeHeaders(this.options.clientName),
      ctx: this.ctx('handshake'),
    });
  }

  /** One page of message ids ready to download, oldest first. */
  async inboxPage(options: InboxPageOptions = {}): Promise<InboxPage> {
    const ctx = this.ctx('inbox');
    let path: string;
    if (options.next) {
      path = this.transport.pathOfLink(options.next);
      if (!path.startsWith(`/messageexchange/${this.mailbox}/inbox`)) {
        throw new MeshError('unexpected-response', "MESH gave a next-page link outside this mailbox's inbox: list the inbox again.");
      }
    } else {
      const query = new URLSearchParams();
      if (options.maxResults !== undefined) {
        if (!Number.isInteger(options.maxResults) || options.maxResults < 10 || options.maxResults > 5000) {
          throw new MeshError('invalid-request', 'The inbox page size must be a whole number from 10 to 5000.');
        }
        query.set('max_results', String(options.maxResults));
      }
      if (options.workflowFilter) query.set('workflow_filter', options.workflowFilter);
      const search = query.toString();
      path = `/messageexchange/${this.mailbox}/inbox${search ? `?${search}` : ''}`;
    }
    const response = await this.transport.request({ method: 'GET', path, ctx });
    return this.json(response, ctx, parseInbox);
  }

  /**
   * Every message id ready to download: follows `links.next`, and polls again while a page
   * comes back full without a next link (a v1 server), until a poll brings nothing new.
   */
  async inboxAll(options: { workflowFilter?: string; maxResults?: number } = {}): Promise<string[]> {
    const seen = new Set<string>();
    const pageSize = options.maxResults ?? MESH_PAGE_SIZE;
    let next: string | undefined;
    for (let poll = 0; poll < MAX_INBOX_POLLS; poll++) {
      const page = await this.inboxPage(next ? { next } : options);
      const before = seen.size;
      for (const id of page.messageIds) seen.add(id);
      if (page.next) {
        next = page.next;
        continue;
      }
      next = undefined;
      if (page.messageIds.length < pageSize || seen.size === before) break;
    }
    return [...seen];
  }

  /** Number of messages ready to download (the deprecated count endpoint). */
  async count(): Promise<number> {
    const ctx = this.ctx('count');
    const response = await this.transport.request({ method: 'GET', path: `/messageexchange/${this.mailbox}/count`, ctx });
    return this.json(response, ctx, parseCount);
  }

  /** A message's metadata from a HEAD, without its body. */
  async metadata(messageId: string): Promise<MessageMetadata> {
    const ctx = this.ctx('metadata', { messageId });
    const response = await this.transport.request({
      method: 'HEAD',
      path: `/messageexchange/${this.mailbox}/inbox/${pathPart('message ID', messageId)}`,
      ctx,
    });
    return parseMetadata(response.headers, messageId);
  }

  /**
   * Downloads every chunk in order to a file (written beside it and renamed when complete) or
   * a stream (ended when complete, destroyed on failure). Does not acknowledge.
   */
  async download(messageId: string, destination: DownloadDestination, options: DownloadOptions = {}): Promise<DownloadResult> {
    pathPart('message ID', messageId);
    return downloadMessage(this.transport, { mailbox: this.mailbox, baseUrl: this.baseUrl }, messageId.trim(), destination, options);
  }

  /** Takes the message off the inbox list. Idempotent in MESH. */
  async acknowledge(messageId: string): Promise<void> {
    await this.transport.request({
      method: 'PUT',
      path: `/messageexchange/${this.mailbox}/inbox/${pathPart('message ID', messageId)}/status/acknowledged`,
      ctx: this.ctx('acknowledge', { messageId }),
    });
  }

  /**
   * Sends a file, buffer or stream, in chunks when larger than the chunk size. The creating POST
   * is never repeated: if its outcome is unknown the error says so (kind send-outcome-unknown).
   */
  async send(request: SendMessageRequest): Promise<SendResult> {
    return sendMessage(this.transport, { mailbox: this.mailbox, baseUrl: this.baseUrl }, request);
  }

  /** The status of a message this mailbox sent. */
  async trackByMessageId(messageId: string): Promise<Tracking> {
    const ctx = this.ctx('track', { messageId });
    const query = new URLSearchParams({ messageID: messageId.trim() });
    const response = await this.transport.request({
      method: 'GET',
      path: `/messageexchange/${this.mailbox}/outbox/tracking?${query}`,
      ctx,
    });
    return this.json(response, ctx, parseTracking);
  }

  /** The status of the message this mailbox sent with that local id (deprecated endpoint, v1 body). */
  async trackByLocalId(localId: string): Promise<Tracking> {
    const ctx = this.ctx('track-local-id', { localId });
    const response = await this.transport.request({
      method: 'GET',
      path: `/messageexchange/${this.mailbox}/outbox/tracking/${pathPart('local ID', localId)}`,
      ctx,
    });
    return this.json(response, ctx, parseTracking);
  }

  /** Mailboxes of an organisation that receive a workflow. */
  async lookup(odsCode: string, workflowId: string): Promise<MailboxMatch[]> {
    const ctx = this.ctx('lookup', { odsCode, workflowId });
    const response = await this.transport.request({
      method: 'GET',
      path: `/messageexchange/endpointlookup/${pathPart('ODS code', odsCode)}/${pathPart('workflow ID', workflowId)}`,
      ctx,
    });
    return this.json(response, ctx, parseLookup);
  }

  /** Closes the connections. Further calls fail with kind `closed`. */
  async close(): Promise<void> {
    this.closed = true;
    const agent = this.agent;
    this.agent = undefined;
    await agent?.close();
  }
}

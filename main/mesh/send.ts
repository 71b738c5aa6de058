// Sending a message: the creating POST to /outbox with chunk 1 (never repeated automatically),
// then chunks 2..N to /outbox/{id}/{n} (retried; each retry re-reads its range). Memory stays
// flat: a chunk streams from the file through gzip into the request. Unless the caller says,
// gzip is used only when a sample of the data shows it shrinks (compression-choice.ts).
import { open as openFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { MeshError, isMeshError } from './errors';
import { sendOutcomeUnknown } from './http-errors';
import { isConnectionError } from './connection-errors';
import type { OperationContext } from './operation';
import { buffer as readAll } from 'node:stream/consumers';
import { gzipShrinks, sampleRanges } from './compression-choice';
import {
  bufferStream,
  chunkBody,
  chunkRange,
  DEFAULT_CHUNK_SIZE,
  fileRangeStream,
  planChunks,
  readBytes,
  SMALL_CHUNK,
  smallChunkBody,
  type ChunkPlan,
} from './chunking';
import { parseJson, parseSendAccepted } from './responses';
import type { MeshTransport } from './transport';
import type { SendMessageRequest, SendResult } from './types';

function printable(label: string, value: string, max: number): string {
  if (/[^\x20-\x7e]/.test(value)) {
    throw new MeshError(
      'invalid-request',
      `The ${label} may contain only plain printable characters (no accented letters, symbols such as £, or line ` +
        `breaks): change it and send again.`,
    );
  }
  if (value.length > max)
    throw new MeshError('invalid-request', `The ${label} is ${value.length} characters long, and MESH allows at most ${max}: shorten it.`);
  return value;
}

function notAUrl(label: string, value: string): string {
  if (/^https?:\/\//i.test(value))
    throw new MeshError('invalid-request', `The ${label} must not be a web address: enter the ${label} itself.`);
  return value;
}

/**
 * The mex headers of the first POST, validated here so MESH never has to refuse them.
 * Content-Encoding is sendMessage's: one for every chunk.
 */
export function firstChunkHeaders(request: SendMessageRequest, plan: ChunkPlan, fileName: string | undefined): Record<string, string> {
  const to = request.to.trim().toUpperCase();
  if (!to) throw new MeshError('invalid-request', 'A message needs a recipient mailbox: enter one.');
  const workflowId = request.workflowId.trim();
  if (!workflowId) throw new MeshError('invalid-request', 'A message needs a workflow ID: enter one.');
  const headers: Record<string, string> = {
    'mex-to': notAUrl('recipient mailbox', printable('recipient mailbox', to, 100)),
    'mex-workflowid': notAUrl('workflow ID', printable('workflow ID', workflowId, 300)),
    'mex-chunk-range': `1:${plan.count}`,
  };
  if (request.subject) headers['mex-subject'] = printable('subject', request.subject, 500);
  if (request.localId) headers['mex-localid'] = printable('local ID', request.localId, 300);
  if (fileName) headers['mex-filename'] = printable('file name', fileName, 300);
  if (request.partnerId) headers['mex-partnerid'] = printable('partner ID', request.partnerId, 500);
  if (request.checksum) {
    const checksum = notAUrl('checksum', printable('checksum', request.checksum, 100));
    if (!/^[A-Za-z0-9\s:\-/]*$/.test(checksum))
      throw new MeshError('invalid-request', 'The checksum may contain only letters, digits, spaces and : - /.');
    headers['mex-content-checksum'] = checksum;
  }
  if (request.encrypted !== undefined) headers['mex-content-encrypted'] = request.encrypted ? 'Y' : 'N';
  if (request.contentCompressed !== undefined) headers['mex-content-compressed'] = request.contentCompressed ? 'Y' : 'N';
  const contentType = request.contentType ? printable('content type', request.contentType, 100) : undefined;
  if (plan.count === 1) headers['content-type'] = contentType ?? 'application/octet-stream';
  else {
    headers['content-type'] = 'application/octet-stream';
    if (contentType && contentType !== 'application/octet-stream') headers['mex-content-type'] = contentType;
  }
  return headers;
}

interface Source {
  size: number;
  fileName?: string;
  /** The raw bytes of [start, end), opened afresh for every attempt. */
  open(index: number, start: number, end: number): Promise<Readable>;
  /** Slices to judge gzip by: spread over the file or data; over chunk 1 (`firstEnd` bytes) for a stream, which cannot be rewound. */
  samples(firstEnd: number): Promise<Uint8Array[]>;
}

async function fileSamples(path: string, size: number): Promise<Buffer[]> {
  const handle = await openFile(path, 'r');
  try {
    const samples: Buffer[] = [];
    for (const { start, end } of sampleRanges(size)) {
      const buffer = Buffer.alloc(end - start);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
      samples.push(buffer.subarray(0, bytesRead));
    }
    return samples;
  } finally {
    await handle.close();
  }
}

function unreadableFile(path: string, error: unknown): MeshError {
  return new MeshError('local-file', `The file to send, ${basename(path)}, could not be read: check it exists and is a readable file.`, {
    cause: error,
  });
}

async function sourceOf(request: SendMessageRequest, plan: () => ChunkPlan): Promise<Source> {
  const { source } = request;
  if ('path' in source) {
    let size: number;
    try {
      const info = await stat(source.path);
      if (!info.isFile()) throw new Error('not a file');
      size = info.size;
    } catch (error) {
      throw unreadableFile(source.path, error);
    }
    return {
      size,
      fileName: basename(source.path),
      open: async (_index, start, end) => fileRangeStream(source.path, start, end),
      samples: async () => {
        try {
          return await fileSamples(source.path, size);
        } catch (error) {
          throw unreadableFile(source.path, error);
        }
      },
    };
  }
  if ('data' in source) {
    const { data } = source;
    return {
      size: data.length,
      open: async (_index, start, end) => bufferStream(data.subarray(start, end)),
      samples: async () => sampleRanges(data.length).map(({ start, end }) => data.subarray(start, end)),
    };
  }
  // A stream cannot be rewound: hold one chunk at a time so a retry can resend it.
  let held: { index: number; buffer: Buffer } | undefined;
  const hold = async (index: number, start: number, end: number): Promise<Buffer> => {
    if (held?.index !== index) {
      const buffer = await readBytes(source.stream, end - start);
      if (buffer.length !== end - start) {
        throw new MeshError(
          'local-file',
          `The data to send ended after ${start + buffer.length} of ${plan().totalBytes} bytes: check its source.`,
        );
      }
      held = { index, buffer };
    }
    return held.buffer;
  };
  return {
    size: source.size,
    open: async (index, start, end) => bufferStream(await hold(index, start, end)),
    samples: async (firstEnd) => {
      const first = await hold(1, 0, firstEnd);
      return sampleRanges(first.length).map(({ start, end }) => first.subarray(start, end));
    },
  };
}

async function samplesOf(source: Source, firstEnd: number): Promise<Uint8Array[]> {
  try {
    return await source.samples(firstEnd);
  } catch (error) {
    throw isMeshError(error)
      ? error
      : new MeshError('local-file', 'The data to send could not be read: check its source.', { cause: error });
  }
}

/** Monotonic progress across chunks and retries. */
function progress(total: number, onProgress?: (done: number, total: number) => void) {
  let completed = 0;
  let inFlight = 0;
  let reported = -1;
  const report = () => {
    const done = Math.min(total, completed + inFlight);
    if (done > reported) {
      reported = done;
      onProgress?.(done, total);
    }
  };
  return {
    startAttempt() {
      inFlight = 0;
    },
    bytes(n: number) {
      inFlight += n;
      report();
    },
    chunkDone(size: number) {
      completed += size;
      inFlight = 0;
      report();
    },
  };
}

const INCOMPLETE_CAUSE: Partial<Record<string, string>> = {
  'server-busy': 'MESH stayed busy',
  'server-error': 'MESH had an internal error',
  network: 'the connection failed',
  timeout: 'MESH did not answer in time',
  'chunk-error': 'MESH refused it',
  'local-file': 'the file could not be read',
};

function cancelledBeforeSending(): MeshError {
  return new MeshError('send-cancelled', 'The send was cancelled before anything reached MESH: nothing was sent.', { retryable: false });
}

/**
 * MESH keeps a chunked message whose chunks stopped coming as `uploading`: never in the recipient's
 * inbox, never delivered without its remaining chunks (docs/mesh-protocol.md, "Sending and chunks").
 */
function cancelledBetweenChunks(messageId: string, sent: number, count: number, to: string): MeshError {
  return new MeshError(
    'send-cancelled',
    `The send was cancelled after ${sent} of ${count} chunks: MESH holds message ${messageId} as an incomplete upload, ` +
      `which is never delivered to ${to} without its remaining chunks; send the file again when it should go.`,
    { messageId, retryable: false },
  );
}

export async function sendMessage(
  transport: MeshTransport,
  base: Pick<OperationContext, 'mailbox' | 'baseUrl'>,
  request: SendMessageRequest,
): Promise<SendResult> {
  const choice = request.compress ?? 'auto';
  // The source reads the plan lazily: it is made just below, once the size is known.
  const planned: { plan?: ChunkPlan } = {};
  const source = await sourceOf(request, () => planned.plan!);
  const plan = planChunks(source.size, request.chunkSizeBytes ?? DEFAULT_CHUNK_SIZE, choice !== false);
  planned.plan = plan;
  const fileName = request.fileName ?? source.fileName;
  const headers = firstChunkHeaders(request, plan, fileName);
  const compress = choice === 'auto' ? gzipShrinks(await samplesOf(source, chunkRange(plan, 1).end)) : choice;
  const encoding: Record<string, string> = compress ? { 'content-encoding': 'gzip' } : {};
  const mailbox = base.mailbox.toUpperCase();
  const track = progress(plan.totalBytes, request.onProgress);

  // A failure reading the local data is reported as such, never as a network failure.
  let localError: MeshError | undefined;
  const bodyFor = (index: number) => async () => {
    if (localError) throw localError;
    track.startAttempt();
    const { start, end } = chunkRange(plan!, index);
    let raw: Readable;
    try {
      raw = await source.open(index, start, end);
    } catch (error) {
      throw (localError = isMeshError(error)
        ? error
        : new MeshError('local-file', 'The data to send could not be read: check the file.', { cause: error }));
    }
    const readFailed = (error: unknown) =>
      new MeshError(
        'local-file',
        `The file to send could not be read part-way through ` +
          `(${(error as NodeJS.ErrnoException).code ?? 'read error'}): check it is still there and send it again.`,
        { cause: error },
      );
    if (end - start <= SMALL_CHUNK) {
      let bytes: Buffer;
      try {
        bytes = await readAll(raw);
      } catch (error) {
        throw (localError = readFailed(error));
      }
      const body = await smallChunkBody(bytes, compress);
      track.bytes(bytes.length);
      return body;
    }
    raw.once('error', (error) => {
      // The connection failing destroys this stream with its own error: that is not the file's fault.
      if (!isConnectionError(error)) localError ??= readFailed(error);
    });
    return chunkBody(raw, compress, (n) => track.bytes(n));
  };

  const ctx: OperationContext = {
    ...base,
    operation: 'send',
    to: headers['mex-to']!,
    workflowId: headers['mex-workflowid']!,
    chunk: { index: 1, count: plan.count },
  };
  if (request.localId) ctx.localId = request.localId;
  if (request.signal?.aborted) throw cancelledBeforeSending();
  let messageId: string;
  try {
    const response = await transport.request({
      method: 'POST',
      path: `/messageexchange/${mailbox}/outbox`,
      headers: { ...headers, ...encoding },
      body: bodyFor(1),
      retry: false,
      ctx,
    });
    try {
      messageId = parseSendAccepted(parseJson(response.text));
    } catch {
      throw sendOutcomeUnknown(`MESH answered HTTP ${response.status} without a message ID`, ctx, { status: response.status });
    }
  } catch (error) {
    if (localError) throw localError;
    throw error;
  }
  track.chunkDone(chunkRange(plan, 1).end);

  for (let index = 2; index <= plan.count; index++) {
    if (request.signal?.aborted) throw cancelledBetweenChunks(messageId, index - 1, plan.count, headers['mex-to']!);
    const chunkCtx: OperationContext = { ...ctx, operation: 'send-chunk', messageId, chunk: { index, count: plan.count } };
    let attempts = 0;
    const body = bodyFor(index);
    try {
      await transport.request({
        method: 'POST',
        path: `/messageexchange/${mailbox}/outbox/${encodeURIComponent(messageId)}/${index}`,
        headers: {
          'content-type': 'application/octet-stream',
          'mex-chunk-range': `${index}:${plan.count}`,
          ...encoding,
        },
        body: (attempt) => {
          attempts = attempt;
          return body();
        },
        ctx: chunkCtx,
      });
    } catch (error) {
      // The last chunk arrived on an attempt whose answer was lost: MESH now calls the message complete.
      if (isMeshError(error) && error.status === 423 && attempts > 1 && index === plan.count) {
        track.chunkDone(chunkRange(plan, index).end - chunkRange(plan, index).start);
        break;
      }
      const cause = localError ?? error;
      const kind = isMeshError(cause) ? cause.kind : 'network';
      const why = INCOMPLETE_CAUSE[kind] ?? (isMeshError(cause) && cause.status ? `HTTP ${cause.status}` : 'an error');
      throw new MeshError(
        'send-incomplete',
        `Message ${messageId} was left incomplete because chunk ${index} of ${plan.count} failed (${why}): it will not ` +
          `be delivered, so send the file again.`,
        {
          messageId,
          cause,
          retryable: false,
          ...(isMeshError(cause) && cause.status !== undefined ? { status: cause.status } : {}),
          ...(isMeshError(cause) && cause.code !== undefined ? { code: cause.code } : {}),
        },
      );
    }
    const { start, end } = chunkRange(plan, index);
    track.chunkDone(end - start);
  }
  return { messageId, chunks: plan.count, bytes: plan.totalBytes };
}

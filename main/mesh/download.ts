// Downloading a message: chunk 1 from /inbox/{id} (its headers give the metadata and the chunk
// count), then /inbox/{id}/2..N, each gunzipped on its own when it came gzipped, streamed to
// the destination in order. Nothing holds the whole message. A chunk whose body is cut part-way
// is fetched again when its bytes can be rewritten (a file, or a stream it has not written to).
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGunzip } from 'node:zlib';
import { MeshError, isMeshError } from './errors';
import { errorFromTransport } from './connection-errors';
import type { OperationContext } from './operation';
import { parseChunkRange, parseMetadata } from './metadata';
import { mayRetry, retryDelayMs } from './retry-policy';
import type { MeshTransport } from './transport';
import type { DownloadDestination, DownloadOptions, DownloadResult, MessageMetadata } from './types';

/** Where the bytes go: positioned writes to a file, or appends to a caller's stream. */
interface Sink {
  /** Write bytes of the chunk that starts at `chunkStart`; `offset` is within the chunk. */
  write(chunkStart: number, offset: number, bytes: Buffer): Promise<void>;
  /** The chunk's bytes are all in: write out anything held back. */
  endChunk(): Promise<void>;
  /** Whether a chunk's bytes can be rewritten after `written` of them went out. */
  canRewind(written: number): boolean;
  finish(total: number): Promise<void>;
  fail(error: Error): Promise<void>;
}

class LocalFileError extends Error {}

/** Decoded bytes are gathered to this size before a write, so a large download is a few thousand writes, not a million. */
const WRITE_BATCH = 1024 * 1024;

async function fileSink(path: string): Promise<Sink> {
  const partial = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.part`);
  let handle: FileHandle;
  try {
    handle = await open(partial, 'w', 0o600);
  } catch (error) {
    throw new MeshError(
      'local-file',
      `The download could not be saved in ${dirname(path)}: check the folder exists and can be written to.`,
      { cause: error },
    );
  }
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let pendingAt = 0;
  const flush = async () => {
    let position = pendingAt;
    let parts = pending;
    pending = [];
    pendingAt += pendingBytes;
    pendingBytes = 0;
    while (parts.length) {
      let bytesWritten: number;
      try {
        ({ bytesWritten } = await handle.writev(parts, position));
      } catch (error) {
        throw new LocalFileError(String((error as NodeJS.ErrnoException).code ?? error), { cause: error });
      }
      position += bytesWritten;
      // A short write leaves the rest of the parts to go again.
      const rest: Buffer[] = [];
      let skip = bytesWritten;
      for (const part of parts) {
        if (skip >= part.length) skip -= part.length;
        else {
          rest.push(skip ? part.subarray(skip) : part);
          skip = 0;
        }
      }
      parts = rest;
    }
  };
  return {
    async write(chunkStart, offset, bytes) {
      const at = chunkStart + offset;
      if (at !== pendingAt + pendingBytes) {
        // A retried chunk starts again at its own offset: drop what was gathered past it.
        pending = [];
        pendingBytes = 0;
        pendingAt = at;
      }
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= WRITE_BATCH) await flush();
    },
    async endChunk() {
      await flush();
    },
    canRewind: () => true,
    async finish(total) {
      await flush();
      await handle.truncate(total);
      await handle.close();
      await rename(partial, path);
    },
    async fail() {
      await handle.close().catch(() => {});
      await unlink(partial).catch(() => {});
    },
  };
}

function streamSink(destination: Writable): Sink {
  let streamError: Error | undefined;
  destination.on('error', (error) => {
    streamError ??= error;
  });
  return {
    async write(_chunkStart, _offset, bytes) {
      if (streamError) throw new LocalFileError(streamError.message, { cause: streamError });
      if (!destination.write(bytes)) {
        try {
          await once(destination, 'drain');
        } catch (error) {
          throw new LocalFileError((error as Error).message, { cause: error });
        }
      }
    },
    endChunk: async () => {},
    canRewind: (written) => written === 0,
    async finish() {
      if (streamError) throw new LocalFileError(streamError.message, { cause: streamError });
      destination.end();
      if (!destination.writableFinished) await once(destination, 'finish');
    },
    async fail(error) {
      destination.destroy(error);
    },
  };
}

function decoded(body: Readable, gzipped: boolean): Readable {
  return gzipped ? pipeline(body, createGunzip({ chunkSize: 128 * 1024 }), () => {}) : body;
}

export async function downloadMessage(
  transport: MeshTransport,
  base: Pick<OperationContext, 'mailbox' | 'baseUrl'>,
  messageId: string,
  destination: DownloadDestination,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const mailbox = base.mailbox.toUpperCase();
  const timeoutMs = transport.timeoutMs;
  const sink =
    'path' in destination && typeof destination.path === 'string' && !('write' in destination)
      ? await fileSink(destination.path)
      : streamSink(destination as Writable);
  let metadata: MessageMetadata | undefined;
  let count = 1;
  let total = 0;
  try {
    for (let index = 1; index <= count; index++) {
      const ctx: OperationContext = { ...base, operation: 'download', messageId, chunk: { index, count } };
      const path = `/messageexchange/${mailbox}/inbox/${encodeURIComponent(messageId)}${index === 1 ? '' : `/${index}`}`;
      const chunkStart = total;
      for (let attempt = 1; ; attempt++) {
        const response = await transport.request({ method: 'GET', path, stream: true, ctx });
        const body = response.body!;
        if (index === 1) {
          metadata = parseMetadata(response.headers, messageId);
          count = Math.max(1, metadata.chunkCount);
          ctx.chunk = { index, count };
        } else {
          const range = parseChunkRange(response.headers.get('mex-chunk-range'));
          if (range && range.index !== index) {
            body.destroy();
            throw new MeshError(
              'unexpected-response',
              `MESH sent chunk ${range.index} when asked for chunk ${index} of message ${messageId}: try the download again.`,
              { messageId },
            );
          }
        }
        const gzipped = /gzip/i.test(response.headers.get('content-encoding') ?? '');
        let written = 0;
        try {
          for await (const part of decoded(body, gzipped)) {
            const bytes = part as Buffer;
            await sink.write(chunkStart, written, bytes);
            written += bytes.length;
            options.onProgress?.(chunkStart + written, undefined, { index, count });
          }
          await sink.endChunk();
          total = chunkStart + written;
          break;
        } catch (error) {
          body.destroy();
          if (error instanceof LocalFileError) {
            throw new MeshError(
              'local-file',
              `The download could not be written (${error.message}): check there is space on the disk and the destination ` +
                `can be written to.`,
              { messageId, cause: error },
            );
          }
          const mapped = isMeshError(error) ? error : errorFromTransport(error, ctx, { timeoutMs, attempts: attempt });
          if (gzipped && (error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') {
            throw new MeshError(
              'unexpected-response',
              `Chunk ${index} of message ${messageId} came back as damaged gzip data: try the download again.`,
              { messageId, cause: error },
            );
          }
          if ((mapped.kind === 'network' || mapped.kind === 'timeout') && sink.canRewind(written) && mayRetry(transport.policy, attempt)) {
            await sleep(retryDelayMs(transport.policy, attempt));
            continue;
          }
          throw new MeshError(
            mapped.kind,
            `The download of message ${messageId} was interrupted during chunk ${index} of ${count} ` +
              `(${mapped.kind === 'timeout' ? 'MESH stopped sending' : 'the connection was cut'}): try again.`,
            { messageId, cause: error },
          );
        }
      }
    }
    await sink.finish(total).catch((error: unknown) => {
      throw error instanceof MeshError
        ? error
        : new MeshError('local-file', 'The downloaded message could not be saved: check the destination can be written to.', {
            messageId,
            cause: error,
          });
    });
  } catch (error) {
    await sink.fail(error as Error);
    throw error;
  }
  return { metadata: metadata!, bytes: total };
}

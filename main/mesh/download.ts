// Downloading a message: chunk 1 from /inbox/{id} (its headers give the metadata and the chunk
// count), then /inbox/{id}/2..N, each gunzipped on its own when it came gzipped, written to the
// destination in order. As soon as a chunk's answer starts, the next chunk is requested and
// inflated beside it (at most one ahead), up to READ_AHEAD bytes of it held until its turn, then
// backpressure stops its connection: MESH's answer to the next request, and the two inflations
// (on two threads of zlib's pool), overlap the current chunk's inflation and writing. Nothing holds
// a whole chunk or the whole message, however far a chunk inflates. A chunk whose body is cut
// part-way is fetched again when its bytes can be rewritten (a file, or a stream it has not written to).
import type { Readable } from 'node:stream';
import { PassThrough, pipeline, Writable } from 'node:stream';
import { pipeline as pipelineDone } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGunzip } from 'node:zlib';
import { fileSink, LocalFileError, streamSink } from './download-sinks';
import { MeshError, isMeshError } from './errors';
import { errorFromTransport } from './connection-errors';
import type { OperationContext } from './operation';
import { parseChunkRange, parseMetadata } from './metadata';
import { mayRetry, retryDelayMs } from './retry-policy';
import type { MeshTransport, MeshResponse } from './transport';
import type { DownloadDestination, DownloadOptions, DownloadResult, MessageMetadata } from './types';

/** zlib's output step: each step is a hand-off to the thread pool, so fewer, larger steps (128 KiB before). */
const INFLATE_STEP = 256 * 1024;
/**
 * How much of a chunk is decoded ahead of the writing: the next chunk stops there until its turn. 4 and 8 MiB
 * were no faster on this project's machine and held 10-15 MB more (issue 14).
 */
const READ_AHEAD = 2 * 1024 * 1024;
/** What the reader side of the read-ahead holds: the bound is READ_AHEAD, not twice it. */
const HANDED_OVER = 64 * 1024;
/**
 * Compressed bytes taken off the connection ahead of the inflation, for a body in chunked-encoding frames. undici
 * pauses its connection whenever the body is not taken at once, and on resuming re-joins every byte its socket
 * buffered meanwhile. With gunzip's own 16 KiB, an answer in 16 KiB frames (as a server gzipping on the fly may send)
 * paused it after every frame, and a 30 MB download re-joined 9 GB: 4-6 s, 240 MB. Taking up to 1 MiB, it resumes
 * after 1 MiB: 1 s, 95 MB (issue 14). A body with a Content-Length is handed over as it arrives and needs none.
 */
const BODY_QUEUE = 1024 * 1024;

/** One chunk's response, its body decoded; held back by backpressure until it is read. */
interface FetchedChunk {
  response: MeshResponse;
  body: Readable;
  decoded: Readable;
  gzipped: boolean;
}

/** `framed`: the body comes in chunked-encoding frames (no Content-Length), which is when undici pauses per frame. */
function decoded(body: Readable, gzipped: boolean, framed: boolean): Readable {
  const ahead = new PassThrough({ writableHighWaterMark: READ_AHEAD, readableHighWaterMark: HANDED_OVER });
  // Errors come out of the decoded stream when it is read; until then nothing may go unheard.
  ahead.on('error', () => {});
  if (!gzipped) return pipeline(body, ahead, () => {});
  const inflate = createGunzip({ chunkSize: INFLATE_STEP });
  if (!framed) return pipeline(body, inflate, ahead, () => {});
  const taken = new PassThrough({ writableHighWaterMark: BODY_QUEUE, readableHighWaterMark: HANDED_OVER });
  return pipeline(body, taken, inflate, ahead, () => {});
}

function release(chunk: Promise<FetchedChunk> | undefined): void {
  void chunk?.then(
    ({ body, decoded }) => {
      body.destroy();
      decoded.destroy();
    },
    () => {},
  );
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
  const contextOf = (index: number): OperationContext => ({ ...base, operation: 'download', messageId, chunk: { index, count } });
  const fetchChunk = async (index: number): Promise<FetchedChunk> => {
    const path = `/messageexchange/${mailbox}/inbox/${encodeURIComponent(messageId)}${index === 1 ? '' : `/${index}`}`;
    const response = await transport.request({ method: 'GET', path, stream: true, ctx: contextOf(index) });
    const body = response.body!;
    const range = index === 1 ? undefined : parseChunkRange(response.headers.get('mex-chunk-range'));
    if (range && range.index !== index) {
      body.destroy();
      throw new MeshError(
        'unexpected-response',
        `MESH sent chunk ${range.index} when asked for chunk ${index} of message ${messageId}: try the download again.`,
        { messageId },
      );
    }
    const gzipped = /gzip/i.test(response.headers.get('content-encoding') ?? '');
    const framed = response.headers.get('content-length') === undefined;
    return { response, body, gzipped, decoded: decoded(body, gzipped, framed) };
  };
  // The next chunk, asked for while the current one is written (at most one ahead).
  let ahead: { index: number; chunk: Promise<FetchedChunk> } | undefined;
  try {
    for (let index = 1; index <= count; index++) {
      const chunkStart = total;
      for (let attempt = 1; ; attempt++) {
        const early = attempt === 1 && ahead?.index === index ? ahead.chunk : undefined;
        if (early) ahead = undefined;
        const { response, body, gzipped, decoded: bytesOfChunk } = await (early ?? fetchChunk(index));
        if (index === 1) {
          metadata = parseMetadata(response.headers, messageId);
          count = Math.max(1, metadata.chunkCount);
          if (attempt === 1) {
            try {
              options.onMetadata?.(metadata);
            } catch (error) {
              body.destroy();
              throw error;
            }
          }
        }
        const ctx = contextOf(index);
        // The next chunk is asked for now (chunk 1's headers have said how many there are, and that it is no REPORT),
        // so MESH answers and its inflation starts while this one is inflated and written.
        if (!ahead && index < count) {
          const next = fetchChunk(index + 1);
          next.catch(() => {}); // its failure is met when its turn comes
          ahead = { index: index + 1, chunk: next };
        }
        let written = 0;
        try {
          // Piped piece by piece: iterating the stream (read()) would join everything it holds into a new buffer each time.
          await pipelineDone(
            bytesOfChunk,
            new Writable({
              write(bytes: Buffer, _encoding, done) {
                sink.write(chunkStart, written, bytes).then(() => {
                  written += bytes.length;
                  options.onProgress?.(chunkStart + written, undefined, { index, count });
                  done();
                }, done);
              },
            }),
          );
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
    release(ahead?.chunk);
    await sink.fail(error as Error);
    throw error;
  }
  return { metadata: metadata!, bytes: total };
}

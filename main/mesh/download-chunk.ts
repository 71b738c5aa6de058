// One chunk of a download: asked for, gunzipped when it came gzipped, and written from its start,
// fetched again when its body is cut part-way and its bytes can be rewritten. Its size is told as
// soon as its whole body has arrived (the gzip trailer says how far it inflates), so the next
// chunk can be written at its own position while this one is still being inflated.
import type { Readable } from 'node:stream';
import { PassThrough, pipeline, Writable } from 'node:stream';
import { pipeline as pipelineDone } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGunzip } from 'node:zlib';
import { LocalFileError, type Sink } from './download-sinks';
import { MeshError, isMeshError } from './errors';
import { errorFromTransport } from './connection-errors';
import { GatheredPieces } from './gathered-pieces';
import { inflateOnThread, ThreadInflationError, type ThreadInflation } from './inflate-thread';
import type { OperationContext } from './operation';
import { parseChunkRange } from './metadata';
import { mayRetry, retryDelayMs } from './retry-policy';
import type { MeshTransport, MeshResponse } from './transport';

/**
 * zlib's output step: each step is a hand-off to the thread pool, so fewer, larger steps (128 KiB before). 512 KiB
 * was no faster once later chunks were placed at once, and a 1 GB get then peaked at 110-119 MB rather than 101-107.
 */
const INFLATE_STEP = 256 * 1024;
/** Compressed bytes are given to gunzip in pieces of this size (gathered-pieces.ts); 16-25 KB pieces doubled its time. */
const INFLATE_INPUT = 256 * 1024;
/**
 * How much of a chunk is decoded before it may be written (the chunk before it not yet far enough along to say
 * where this one starts); then backpressure stops its connection.
 */
const READ_AHEAD = 512 * 1024;
/** What the reader side of the read-ahead holds: the bound is READ_AHEAD, not twice it. */
const HANDED_OVER = 64 * 1024;
/**
 * Compressed bytes taken off the connection ahead of the inflation. For a body in chunked-encoding frames undici
 * pauses its connection whenever the body is not taken at once, and on resuming re-joins every byte its socket
 * buffered meanwhile. With gunzip's own 16 KiB, an answer in 16 KiB frames (as a server gzipping on the fly may send)
 * paused it after every frame, and a 30 MB download re-joined 9 GB: 4-6 s, 240 MB. Taking up to 1 MiB, it resumes
 * after 1 MiB: 1 s, 95 MB (issue 14). Being ahead, the body's end (its trailer) also arrives before its inflation is
 * done: for a 20 MiB chunk of CSV (about 3 MB gzipped) half-way, and the next chunk is inflated beside the second
 * half. Taking whole bodies of up to 4 MiB placed it sooner, but a 1 GB download then held 5-10 MB more.
 */
const BODY_QUEUE = 1024 * 1024;
/**
 * Chunk 1's gzipped body is taken whole when it is no larger than this: its trailer then says where chunk 2 goes
 * while chunk 1 is still being inflated (later chunks are placed by the size of chunk 1), and the two are inflated
 * side by side from the start. A 20 MiB chunk of CSV is about 3 MB gzipped.
 */
const FIRST_BODY_QUEUE = 4 * 1024 * 1024;

/**
 * One answer for a chunk, its body decoded (or, gzipped into a file, inflated on the inflation thread); held back by
 * backpressure until it is read.
 */
export interface FetchedChunk {
  response: MeshResponse;
  body: Readable;
  decoded?: Readable;
  onThread?: { inflation: ThreadInflation; bodyIn: Promise<void> };
  gzipped: boolean;
  /** The chunk's decoded size, once its whole body is in; undefined when the body does not say (cut, or too short). */
  size: Promise<number | undefined>;
}

function decoded(body: Readable, gzipped: boolean, queueBytes: number): Readable {
  const ahead = new PassThrough({ writableHighWaterMark: READ_AHEAD, readableHighWaterMark: HANDED_OVER });
  // Errors come out of the decoded stream when it is read; until then nothing may go unheard.
  ahead.on('error', () => {});
  if (!gzipped) return pipeline(body, ahead, () => {});
  const inflate = createGunzip({ chunkSize: INFLATE_STEP });
  pipeline(body, new GatheredPieces(inflate, INFLATE_INPUT, queueBytes), () => {});
  return pipeline(inflate, ahead, () => {});
}

/**
 * What the body says its decoded size is, once it has all arrived: its length when plain, and for gzip the
 * trailer's last four bytes (the size mod 2^32). Only a hint: the writing checks it (a body of several gzip
 * members, or trailing bytes, tells the wrong size), and zlib checks the trailer itself.
 */
function sizeWhenComplete(body: Readable, gzipped: boolean): Promise<number | undefined> {
  let bytes = 0;
  let tail = Buffer.alloc(0);
  body.on('data', (piece: Buffer) => {
    bytes += piece.length;
    tail = Buffer.from(piece.length >= 4 ? piece.subarray(piece.length - 4) : Buffer.concat([tail, piece]).subarray(-4));
  });
  return new Promise((resolve) => {
    body.once('end', () => resolve(!gzipped ? bytes : bytes >= 18 ? tail.readUInt32LE(0) : undefined));
    body.once('close', () => resolve(undefined));
  });
}

export interface ChunkSource {
  transport: MeshTransport;
  /** The open file gzipped chunks are inflated into on the inflation thread (inflate-thread.ts), when they are. */
  inflateInto?: number;
  mailbox: string;
  messageId: string;
  contextOf(index: number): OperationContext;
}

export async function fetchChunk(source: ChunkSource, index: number): Promise<FetchedChunk> {
  const { transport, mailbox, messageId } = source;
  const path = `/messageexchange/${mailbox}/inbox/${encodeURIComponent(messageId)}${index === 1 ? '' : `/${index}`}`;
  const response = await transport.request({ method: 'GET', path, stream: true, ctx: source.contextOf(index) });
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
  const length = Number(response.headers.get('content-length'));
  const queue = index === 1 && length > 0 && length <= FIRST_BODY_QUEUE ? length : BODY_QUEUE;
  const size = sizeWhenComplete(body, gzipped);
  if (gzipped && source.inflateInto !== undefined) {
    const inflation = inflateOnThread(source.inflateInto, queue);
    const bodyIn = new Promise<void>((resolve, reject) => pipeline(body, inflation.body, (error) => (error ? reject(error) : resolve())));
    bodyIn.catch(() => {}); // met by the attempt
    return { response, body, gzipped, onThread: { inflation, bodyIn }, size };
  }
  return { response, body, gzipped, decoded: decoded(body, gzipped, queue), size };
}

/** A chunk being fetched and written. */
export interface ChunkJob {
  /** Its decoded size once all of it is written. */
  written: Promise<number>;
  /** The first answer for it has begun (or it failed first). */
  answered: Promise<void>;
  /** Its size as the body tells it, once the first answer's body is in (see sizeWhenComplete). */
  sizeAhead: Promise<number | undefined>;
  /** Stops it: it writes nothing more, and `written` may never settle. Resolves once none of its writes is still going. */
  stop(): Promise<void>;
  /**
   * Asks to be called before a write would take the chunk past `at`, where the next chunk is to be placed: once,
   * awaited. False when the chunk has already written (or is writing) past `at`: the next chunk must not go there.
   * Answered later when the chunk is being inflated on the inflation thread, which knows how far it has written.
   */
  guard(at: number, beforePassing: () => Promise<void>): boolean | Promise<boolean>;
}

export interface ChunkJobInput {
  source: ChunkSource;
  sink: Sink;
  index: number;
  count: number;
  /** Where its bytes start: it is fetched and decoded ahead, and written once this is known. */
  start: Promise<number>;
  /** Its answer, when already asked for (chunk 1, whose headers say how many chunks there are). */
  fetched?: FetchedChunk;
  onWritten(index: number, bytes: number): void;
}

export function startChunkJob(input: ChunkJobInput): ChunkJob {
  const { source, sink, index, count } = input;
  const { transport, messageId } = source;
  let stopped = false;
  let current: FetchedChunk | undefined;
  let lastWrite: Promise<unknown> = Promise.resolve();
  let limit: { at: number; beforePassing: () => Promise<void> } | undefined;
  /** The furthest position any attempt has written to, or is writing to. */
  let reached = 0;
  /** The attempt's inflation on the thread, once placed: a limit is then set there. */
  let placedOnThread: ThreadInflation | undefined;
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const first = input.fetched ? Promise.resolve(input.fetched) : fetchChunk(source, index);
  first.catch(() => {}); // met by `written`
  const sizeAhead = first.then(
    (fetched) => fetched.size,
    () => undefined,
  );

  const attemptOnThread = async (inflation: ThreadInflation, bodyIn: Promise<void>): Promise<number> => {
    const start = await input.start;
    if (stopped) throw new Error('stopped');
    let written = 0;
    inflation.onWritten = (bytes) => {
      written = bytes;
      reached = Math.max(reached, start + bytes);
      input.onWritten(index, bytes);
    };
    const pending = limit;
    limit = undefined;
    placedOnThread = inflation;
    if (pending) await inflation.limit(pending.at, pending.beforePassing);
    inflation.place(start);
    try {
      const [, size] = await Promise.all([bodyIn, inflation.written]);
      if (stopped) throw new Error('stopped');
      return size;
    } catch (error) {
      await inflation.stop();
      if (error instanceof ThreadInflationError && error.local) {
        throw Object.assign(new LocalFileError(error.code ?? error.message, { cause: error }), { written });
      }
      throw Object.assign(error as Error, { written });
    } finally {
      placedOnThread = undefined;
    }
  };

  const attemptOnce = async (fetched: FetchedChunk): Promise<number> => {
    if (fetched.onThread) return attemptOnThread(fetched.onThread.inflation, fetched.onThread.bodyIn);
    const start = await input.start;
    if (stopped) throw new Error('stopped');
    const writer = sink.chunkWriter(start);
    let written = 0;
    try {
      // Piped piece by piece: iterating the stream (read()) would join everything it holds into a new buffer each time.
      await pipelineDone(
        fetched.decoded!,
        new Writable({
          write(bytes: Buffer, _encoding, done) {
            if (stopped) return done(new Error('stopped'));
            const write = (async () => {
              reached = Math.max(reached, start + written + bytes.length);
              if (limit && start + written + bytes.length > limit.at) {
                const passing = limit;
                limit = undefined;
                await passing.beforePassing();
              }
              await writer.write(bytes);
            })();
            lastWrite = write.catch(() => {});
            write.then(() => {
              written += bytes.length;
              input.onWritten(index, written);
              done();
            }, done);
          },
        }),
      );
      if (stopped) throw new Error('stopped');
      const end = writer.end();
      lastWrite = end.catch(() => {});
      await end;
      return written;
    } catch (error) {
      throw Object.assign(error as Error, { written });
    }
  };

  const written = (async () => {
    for (let attempt = 1; ; attempt++) {
      const fetched = attempt === 1 ? await first.finally(answer) : await fetchChunk(source, index);
      current = fetched;
      if (stopped) throw new Error('stopped');
      try {
        return await attemptOnce(fetched);
      } catch (error) {
        fetched.body.destroy();
        if (stopped) throw error;
        const writtenBefore = (error as { written?: number }).written ?? 0;
        if (error instanceof LocalFileError) {
          throw new MeshError(
            'local-file',
            `The download could not be written (${error.message}): check there is space on the disk and the destination ` +
              `can be written to.`,
            { messageId, cause: error },
          );
        }
        const ctx = source.contextOf(index);
        const mapped = isMeshError(error) ? error : errorFromTransport(error, ctx, { timeoutMs: transport.timeoutMs, attempts: attempt });
        if (fetched.gzipped && (error as NodeJS.ErrnoException).code === 'Z_DATA_ERROR') {
          throw new MeshError(
            'unexpected-response',
            `Chunk ${index} of message ${messageId} came back as damaged gzip data: try the download again.`,
            { messageId, cause: error },
          );
        }
        if (
          (mapped.kind === 'network' || mapped.kind === 'timeout') &&
          sink.canRewind(writtenBefore) &&
          mayRetry(transport.policy, attempt)
        ) {
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
  })();
  written.catch(() => {}); // met by whoever awaits it

  return {
    written,
    answered,
    sizeAhead,
    guard(at, beforePassing) {
      if (reached > at) return false;
      if (placedOnThread) return placedOnThread.limit(at, beforePassing);
      limit = { at, beforePassing };
      return true;
    },
    async stop() {
      // No write starts once this is set; the one going, if any, is awaited.
      stopped = true;
      current?.body.destroy();
      current?.decoded?.destroy();
      const threadStops = [current?.onThread?.inflation.stop()];
      // The first answer, still on its way or not yet read.
      threadStops.push(
        first.then(
          ({ body, decoded, onThread }) => {
            body.destroy();
            decoded?.destroy();
            return onThread?.inflation.stop();
          },
          () => {},
        ),
      );
      await Promise.all([lastWrite, ...threadStops]);
    },
  };
}

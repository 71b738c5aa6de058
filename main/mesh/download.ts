// Downloading a message: chunk 1 from /inbox/{id} (its headers give the metadata and the chunk
// count), then /inbox/{id}/2..N, each gunzipped on its own when it came gzipped (download-chunk.ts).
// As soon as a chunk's answer starts, the next chunk is asked for (never more than one ahead).
// Into a file, the next chunk is written at its own position as soon as that is known or expected
// (chunks after the first are expected to be as large as it, as senders split them; otherwise the
// current chunk's gzip trailer, once its body is in, says how far it inflates), so the two are
// inflated side by side on two threads of zlib's pool. That position is checked: should the current
// chunk come out longer or shorter, the next one is stopped before it is overwritten and fetched
// again at the right place (and chunks are no longer expected to be of one size). Into a stream,
// chunks are written one after another, the next decoded ahead up to a bound. Nothing holds a
// whole chunk or the whole message.
import type { Writable } from 'node:stream';
import { fetchChunk, startChunkJob, type ChunkJob, type ChunkJobInput, type ChunkSource } from './download-chunk';
import { fileSink, streamSink, type Sink } from './download-sinks';
import { inflationThread } from './inflate-thread';
import { MeshError } from './errors';
import type { OperationContext } from './operation';
import { parseMetadata } from './metadata';
import type { MeshTransport } from './transport';
import type { DownloadDestination, DownloadOptions, DownloadResult } from './types';

/** The next chunk and where it was placed before the current one was finished, if it was. */
interface NextChunk {
  job: ChunkJob;
  placedAt?: number;
  /** Placed where chunks of the size of chunk 1 would put it, not by what the current chunk said. */
  expected?: boolean;
}

export async function downloadMessage(
  transport: MeshTransport,
  base: Pick<OperationContext, 'mailbox' | 'baseUrl'>,
  messageId: string,
  destination: DownloadDestination,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const sink: Sink =
    'path' in destination && typeof destination.path === 'string' && !('write' in destination)
      ? await fileSink(destination.path, { durable: options.durable === true })
      : streamSink(destination as Writable);
  let count = 1;
  const source: ChunkSource = {
    transport,
    mailbox: base.mailbox.toUpperCase(),
    messageId,
    inflateInto: sink.fileDescriptor !== undefined && inflationThread() ? sink.fileDescriptor : undefined,
    contextOf: (index) => ({ ...base, operation: 'download', messageId, chunk: { index, count } }),
  };
  // Progress is the bytes of the finished chunks and of the ones being written, and the oldest chunk not finished:
  // two chunks are written side by side, and a chunk number that went back and forth would make a progress bar jump.
  let finishedBytes = 0;
  let oldestUnfinished = 1;
  const writing = new Map<number, number>();
  const report = () => {
    let done = finishedBytes;
    for (const part of writing.values()) done += part;
    options.onProgress?.(done, undefined, { index: oldestUnfinished, count });
  };
  const onWritten = (index: number, bytes: number) => {
    writing.set(index, bytes);
    report();
  };
  const running = new Set<ChunkJob>();
  const startJob = (input: Omit<ChunkJobInput, 'source' | 'sink' | 'count' | 'onWritten'>) => {
    const job = startChunkJob({ ...input, source, sink, count, onWritten });
    running.add(job);
    return job;
  };
  const stopJob = async (job: ChunkJob, index: number) => {
    await job.stop();
    running.delete(job);
    writing.delete(index);
  };

  /**
   * Starts chunk `index`, to be written after the current chunk, which starts at `at`. Into a file it is placed as
   * soon as the current chunk's size is known or expected: `expected` (the size of chunk 1, when every chunk so far
   * had it: senders split a message into chunks of one size, the last smaller), else the current chunk's trailer,
   * else its end. A place the current chunk is already past is refused.
   */
  const startNext = (current: ChunkJob, at: number, index: number, expected: number | undefined): NextChunk => {
    const afterCurrent = current.written.then((size) => at + size);
    if (!sink.positioned) return { job: startJob({ index, start: afterCurrent }) };
    let place!: (position: number) => void;
    const next: NextChunk = { job: startJob({ index, start: new Promise<number>((resolve) => (place = resolve)) }) };
    let placed = false;
    /** Answers at once when the current chunk can (the thread it is inflated on answers later). */
    const placeAfter = (size: number, byExpected: boolean): boolean | Promise<boolean> => {
      if (placed) return true;
      // Should the current chunk run past that place, the next is stopped first (and fetched again at its end).
      const guarded = current.guard(at + size, () => stopJob(next.job, index));
      const placeIf = (ok: boolean): boolean => {
        if (!ok) return false;
        if (placed) return true;
        placed = true;
        next.placedAt = at + size;
        if (byExpected) next.expected = true;
        place(at + size);
        return true;
      };
      return typeof guarded === 'boolean' ? placeIf(guarded) : guarded.then(placeIf);
    };
    void afterCurrent.then(
      (position) => {
        if (placed) return;
        placed = true;
        place(position);
      },
      () => {}, // the current chunk failed: the download fails, and the next one is stopped
    );
    const bySize = () =>
      void current.sizeAhead.then((size) => {
        if (size !== undefined) void placeAfter(size, false);
      });
    const byExpected = expected === undefined ? false : placeAfter(expected, true);
    if (byExpected === false) bySize();
    else if (byExpected !== true) void byExpected.then((ok) => ok || bySize());
    return next;
  };

  try {
    const first = await fetchChunk(source, 1);
    const metadata = parseMetadata(first.response.headers, messageId);
    count = Math.max(1, metadata.chunkCount);
    try {
      options.onMetadata?.(metadata);
    } catch (error) {
      first.body.destroy();
      throw error;
    }
    let job = startJob({ index: 1, start: Promise.resolve(0), fetched: first });
    let at = 0;
    /** The size of chunk 1, while every chunk after it (but the last) has had it too. */
    let chunkSize: number | undefined;
    for (let index = 1; index <= count; index++) {
      let next: NextChunk | undefined;
      if (index < count) {
        // Asked for now (chunk 1's headers have said how many there are, and that it is no REPORT), so MESH answers
        // and its inflation starts while this one is inflated and written.
        await job.answered;
        next = startNext(job, at, index + 1, chunkSize);
      }
      const size = await job.written;
      running.delete(job);
      writing.delete(index);
      finishedBytes += size;
      at += size;
      if (index === 1) chunkSize = size;
      if (!next) break;
      oldestUnfinished = index + 1;
      // The next chunk may have written all it will before this one finished: its number is heard all the same.
      report();
      if (next.placedAt !== undefined && next.placedAt !== at) {
        // Placed where this chunk did not end: fetched again and written where it belongs. Chunks of varying sizes
        // are then placed by their trailers only.
        if (next.expected) chunkSize = undefined;
        await stopJob(next.job, index + 1);
        next.job = startJob({ index: index + 1, start: Promise.resolve(at) });
      }
      job = next.job;
    }
    await sink.finish(at).catch((error: unknown) => {
      throw error instanceof MeshError
        ? error
        : new MeshError('local-file', 'The downloaded message could not be saved: check the destination can be written to.', {
            messageId,
            cause: error,
          });
    });
    return { metadata, bytes: at };
  } catch (error) {
    await Promise.all([...running].map((job) => job.stop()));
    await sink.fail(error as Error);
    throw error;
  }
}

// Downloading a message: chunk 1 from /inbox/{id} (its headers give the metadata and the chunk
// count), then /inbox/{id}/2..N, each gunzipped on its own when it came gzipped (download-chunk.ts).
// As soon as a chunk's answer starts, the next chunk is asked for (never more than one ahead).
// Into a file, the next chunk is written at its own position as soon as the current one's body
// has all arrived and its gzip trailer says how far it inflates, so the two are inflated side by
// side on two threads of zlib's pool. That position is checked: should the current chunk come
// out longer or shorter than its trailer said, the next one is stopped before it is overwritten
// and fetched again at the right place. Into a stream, chunks are written one after another, the
// next decoded ahead up to a bound. Nothing holds a whole chunk or the whole message.
import type { Writable } from 'node:stream';
import { fetchChunk, startChunkJob, type ChunkJob, type ChunkJobInput, type ChunkSource } from './download-chunk';
import { fileSink, streamSink, type Sink } from './download-sinks';
import { MeshError } from './errors';
import type { OperationContext } from './operation';
import { parseMetadata } from './metadata';
import type { MeshTransport } from './transport';
import type { DownloadDestination, DownloadOptions, DownloadResult } from './types';

/** The next chunk and where it was placed before the current one was finished, if it was. */
interface NextChunk {
  job: ChunkJob;
  placedAt?: number;
  /** The current chunk went past that place: the next one was stopped there. */
  overrun?: boolean;
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
      ? await fileSink(destination.path)
      : streamSink(destination as Writable);
  let count = 1;
  const source: ChunkSource = {
    transport,
    mailbox: base.mailbox.toUpperCase(),
    messageId,
    contextOf: (index) => ({ ...base, operation: 'download', messageId, chunk: { index, count } }),
  };
  // Progress is the bytes of the finished chunks and of the ones being written.
  let finishedBytes = 0;
  const writing = new Map<number, number>();
  const onWritten = (index: number, bytes: number) => {
    writing.set(index, bytes);
    let done = finishedBytes;
    for (const part of writing.values()) done += part;
    options.onProgress?.(done, undefined, { index, count });
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

  /** Starts chunk `index`, to be written after the current chunk, which starts at `at`. */
  const startNext = (current: ChunkJob, at: number, index: number): NextChunk => {
    const afterCurrent = current.written.then((size) => at + size);
    if (!sink.positioned) return { job: startJob({ index, start: afterCurrent }) };
    let place!: (position: number) => void;
    const next: NextChunk = { job: startJob({ index, start: new Promise<number>((resolve) => (place = resolve)) }) };
    let placed = false;
    void afterCurrent.then(
      (position) => {
        placed = true;
        place(position);
      },
      () => {}, // the current chunk failed: the download fails, and the next one is stopped
    );
    void current.sizeAhead.then((size) => {
      if (placed || size === undefined) return;
      // A current chunk already written past that place says the trailer was wrong: the next waits for its end.
      const guarded = current.guard(at + size, async () => {
        next.overrun = true;
        await stopJob(next.job, index);
      });
      if (!guarded) return;
      placed = true;
      next.placedAt = at + size;
      place(at + size);
    });
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
    for (let index = 1; index <= count; index++) {
      let next: NextChunk | undefined;
      if (index < count) {
        // Asked for now (chunk 1's headers have said how many there are, and that it is no REPORT), so MESH answers
        // and its inflation starts while this one is inflated and written.
        await job.answered;
        next = startNext(job, at, index + 1);
      }
      const size = await job.written;
      running.delete(job);
      writing.delete(index);
      finishedBytes += size;
      at += size;
      if (!next) break;
      if (next.overrun || (next.placedAt !== undefined && next.placedAt !== at)) {
        // Placed by a trailer that did not tell the chunk's size: fetched again and written where it belongs.
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

// Where a download's bytes go: positioned writes to a temporary file renamed into place at the
// end, or appends to a caller's stream. Decoded bytes are gathered into large writes.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { MeshError } from './errors';

/** Where the bytes go: positioned writes to a file, or appends to a caller's stream. */
export interface Sink {
  /** Write bytes of the chunk that starts at `chunkStart`; `offset` is within the chunk. */
  write(chunkStart: number, offset: number, bytes: Buffer): Promise<void>;
  /** The chunk's bytes are all in: write out anything held back. */
  endChunk(): Promise<void>;
  /** Whether a chunk's bytes can be rewritten after `written` of them went out. */
  canRewind(written: number): boolean;
  finish(total: number): Promise<void>;
  fail(error: Error): Promise<void>;
}

/** A failure of the destination (disk, stream), not of MESH. */
export class LocalFileError extends Error {}

/** Decoded bytes are gathered to this size before a write, so a large download is a few thousand writes, not a million. */
const WRITE_BATCH = 1024 * 1024;

export async function fileSink(path: string): Promise<Sink> {
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

export function streamSink(destination: Writable): Sink {
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

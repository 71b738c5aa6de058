// Where a download's bytes go: positioned writes to a temporary file renamed into place at the
// end, or appends to a caller's stream. Decoded bytes are gathered into large writes. The
// temporary file's name and the removal of those left by killed downloads are in part-files.ts.
import { once } from 'node:events';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { syncFolder } from '../files/atomic-write';
import { MeshError } from './errors';
import { partFilePath, removeLeftoverPartFiles } from './part-files';

/** Writes one attempt at one chunk, from where the chunk starts. */
export interface ChunkWriter {
  write(bytes: Buffer): Promise<void>;
  /** The chunk's bytes are all in: write out anything held back. */
  end(): Promise<void>;
}

export interface Sink {
  /**
   * Whether a chunk can be written at its own position while the chunk before it is still being written (a file).
   * A stream takes chunks one after another.
   */
  readonly positioned: boolean;
  /** The open file of a download into a file, which chunks may also be inflated into on another thread. */
  readonly fileDescriptor?: number;
  /** A writer for a chunk whose bytes go from `start` on; a chunk fetched again gets a new one. */
  chunkWriter(start: number): ChunkWriter;
  /** Whether a chunk's bytes can be rewritten after `written` of them went out. */
  canRewind(written: number): boolean;
  finish(total: number): Promise<void>;
  fail(error: Error): Promise<void>;
}

/** A failure of the destination (disk, stream), not of MESH. */
export class LocalFileError extends Error {}

/** Decoded bytes are gathered to this size before a write, so a large download is a few thousand writes, not a million. */
const WRITE_BATCH = 256 * 1024;

async function writeAllAt(handle: FileHandle, parts: Buffer[], position: number): Promise<void> {
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
}

export async function fileSink(path: string, options: { durable: boolean }): Promise<Sink> {
  const partial = partFilePath(path);
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
  // Beside the download, not before its first request: the folder may hold thousands of files.
  const leftoversRemoved = removeLeftoverPartFiles(path);
  return {
    positioned: true,
    fileDescriptor: handle.fd,
    chunkWriter(start) {
      let position = start;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        const parts = pending;
        const at = position;
        position += pendingBytes;
        pending = [];
        pendingBytes = 0;
        await writeAllAt(handle, parts, at);
      };
      return {
        async write(bytes) {
          pending.push(bytes);
          pendingBytes += bytes.length;
          if (pendingBytes >= WRITE_BATCH) await flush();
        },
        end: flush,
      };
    },
    canRewind: () => true,
    async finish(total) {
      await handle.truncate(total);
      if (options.durable) await handle.sync();
      await handle.close();
      await rename(partial, path);
      await leftoversRemoved;
      if (options.durable) await syncFolder(dirname(path));
    },
    async fail() {
      await handle.close().catch(() => {});
      await unlink(partial).catch(() => {});
      await leftoversRemoved;
    },
  };
}

export function streamSink(destination: Writable): Sink {
  let streamError: Error | undefined;
  destination.on('error', (error) => {
    streamError ??= error;
  });
  const failed = () => new LocalFileError(streamError!.message, { cause: streamError });
  return {
    positioned: false,
    chunkWriter: () => ({
      async write(bytes) {
        if (streamError) throw failed();
        if (!destination.write(bytes)) {
          try {
            await once(destination, 'drain');
          } catch (error) {
            throw new LocalFileError((error as Error).message, { cause: error });
          }
        }
      },
      end: async () => {},
    }),
    canRewind: (written) => written === 0,
    async finish() {
      if (streamError) throw failed();
      destination.end();
      if (!destination.writableFinished) await once(destination, 'finish');
    },
    async fail(error) {
      destination.destroy(error);
    },
  };
}

// Sends one stored chunk with the sandbox's gzip negotiation (docs/mesh-protocol.md, "Downloading
// and acknowledging"): stored gzip goes out as is to a client that accepts gzip and is gunzipped
// for one that does not; plain bytes are gzipped on the fly only for a v2 client that accepts
// gzip. Held chunks (memory mode) are transformed whole so Content-Length stays exact; file chunks
// sent as they are go through one reused buffer, re-coded ones stream out chunked.
import { open } from 'node:fs/promises';
import { createGunzip, createGzip, gunzipSync, gzipSync, constants as zlib } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import type { ChunkBody } from './store/chunk-store';

/**
 * zlib's output piece when gzipping on the fly; each piece goes out as one chunked-encoding frame. With zlib's
 * 16 KiB default, undici (the console's HTTP client) paused after every frame and re-joined all the bytes its
 * socket had buffered on each resume: a plain 100 MB message took 12-35 s and 200-240 MB to receive (bench/README.md).
 */
const GZIP_STEP = 256 * 1024;
/**
 * Huffman coding only, no search for repeats: what arrives plain is mostly what the sender found would not
 * compress, and level 1's search took 2.5 s of CPU per 100 MB of random bytes for nothing (Huffman only: 0.65 s).
 */
const GZIP_ON_THE_FLY = { level: zlib.Z_BEST_SPEED, strategy: zlib.Z_HUFFMAN_ONLY, chunkSize: GZIP_STEP };
/** A stored file is sent in pieces of this size, each read into a buffer used again for the next. */
const FILE_STEP = 1024 * 1024;
/** Buffers of finished sends, kept for the next: one per download going on at once, up to this many. */
const SPARE_BUFFERS = 4;
const spareBuffers: Buffer[] = [];

export interface ChunkResponse {
  res: ServerResponse;
  status: number;
  headers: Record<string, string>;
  chunk: ChunkBody;
  storedGzip: boolean;
  acceptsGzip: boolean;
  version: number;
  /** Frames of gzip made on the fly; default GZIP_STEP. */
  gzipFrameBytes?: number;
}

export async function sendChunk(response: ChunkResponse): Promise<void> {
  const { res, status, headers, chunk, storedGzip, acceptsGzip, version } = response;
  const out = { ...headers };
  let transform: 'none' | 'gunzip' | 'gzip' = 'none';
  if (storedGzip && !acceptsGzip) {
    delete out['Content-Encoding'];
    transform = 'gunzip';
  } else if (!storedGzip && version > 1 && acceptsGzip) {
    out['Content-Encoding'] = 'gzip';
    transform = 'gzip';
  }
  if (out['Content-Encoding'] === 'gzip') out['mex-Content-Compressed'] = 'Y';

  if (chunk.buffer) {
    const body = transform === 'gunzip' ? gunzipSync(chunk.buffer) : transform === 'gzip' ? gzipSync(chunk.buffer) : chunk.buffer;
    res.writeHead(status, { ...out, 'Content-Length': String(body.length) });
    res.end(body);
    return;
  }

  if (transform === 'none') out['Content-Length'] = String(chunk.size);
  res.writeHead(status, out);
  try {
    if (transform === 'none' && chunk.file !== undefined) await sendStoredFile(chunk.file, chunk.size, res);
    else if (transform === 'gunzip') await pipeline(chunk.open(), createGunzip(), res);
    else if (transform === 'gzip')
      await pipeline(chunk.open(), createGzip({ ...GZIP_ON_THE_FLY, chunkSize: response.gzipFrameBytes ?? GZIP_STEP }), res);
    else await pipeline(chunk.open(), res);
  } catch {
    // The client went away (or a fault cut the connection): nothing more to send.
    if (!res.destroyed) res.destroy();
  }
}

/**
 * A stored file sent as it is, each piece read into one buffer that is used again once the piece has gone to the
 * socket. A file stream reads every piece into a new buffer, garbage the server then collects: for a 100 MB CSV
 * message (14 MB stored), about 14 ms of the server's CPU, taken from the client when both run on one machine
 * (bench/README.md, "The 100 MB `get`, looked at again").
 */
async function sendStoredFile(path: string, size: number, res: ServerResponse): Promise<void> {
  // Closed before a piece has gone (the client left, a fault cut the connection): nothing more is sent, and nothing
  // the socket still holds will be, so the buffer is free again.
  const closed = new Promise<'closed'>((resolve) => res.once('close', () => resolve('closed')));
  const file = await open(path, 'r');
  const buffer = spareBuffers.pop() ?? Buffer.allocUnsafe(FILE_STEP);
  try {
    for (let at = 0; at < size;) {
      const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, size - at), at);
      if (bytesRead === 0) throw new Error('The stored chunk is shorter than its recorded size.');
      at += bytesRead;
      const gone = new Promise<'gone'>((resolve, reject) =>
        res.write(buffer.subarray(0, bytesRead), (error) => (error ? reject(error) : resolve('gone'))),
      );
      gone.catch(() => {}); // a write failing after the close is nobody's to hear
      if ((await Promise.race([gone, closed])) === 'closed') return;
    }
    res.end();
  } finally {
    await file.close();
    if (spareBuffers.length < SPARE_BUFFERS) spareBuffers.push(buffer);
  }
}

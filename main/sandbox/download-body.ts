// Sends one stored chunk with the sandbox's gzip negotiation (docs/mesh-protocol.md, "Downloading
// and acknowledging"): stored gzip goes out as is to a client that accepts gzip and is gunzipped
// for one that does not; plain bytes are gzipped on the fly only for a v2 client that accepts
// gzip. Held chunks (memory mode) are transformed whole so Content-Length stays exact; file chunks
// stream, re-coded ones chunked.
import { createGunzip, createGzip, gunzipSync, gzipSync, constants as zlib } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
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
  const source: Readable = chunk.open();
  try {
    if (transform === 'gunzip') await pipeline(source, createGunzip(), res);
    else if (transform === 'gzip')
      await pipeline(source, createGzip({ ...GZIP_ON_THE_FLY, chunkSize: response.gzipFrameBytes ?? GZIP_STEP }), res);
    else await pipeline(source, res);
  } catch {
    // The client went away (or a fault cut the connection): nothing more to send.
    if (!res.destroyed) res.destroy();
  }
}

// Gzipped chunks of a download into a file are inflated and written on a thread of their own
// (inflate-worker.cjs), while this thread reads the connection. Through Node's gunzip stream a
// 100 MB download made about 800 hand-offs to the thread pool and back, a new buffer for each
// 256 KiB of output, and four stream stages on the main thread; the thread inflates each chunk
// synchronously into one buffer and writes it where it belongs: a 100 MB get 0.41 -> 0.30-0.33 s, a 1 GB
// get 2.7 -> 1.4 s, with less memory (bench/README.md, "Inflating on a thread of its own").
// The thread drives Node's zlib engine the way zlib.js does for its own synchronous calls; where
// that is not there (another Node), `inflationThread()` says so and downloads use the gunzip stream.
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';

/** Compressed bytes are copied into buffers of this size and handed over whole (TLS gives 16-25 KB at a time). */
export const PIECE = 256 * 1024;
/**
 * Pieces handed over and not yet taken, per chunk: beyond that, the chunk's connection waits. The thread reads its
 * messages in order, so a limit asked for waits behind these: with twelve a 100 MB get was 10-15 ms faster, but a
 * limit came too late to stop a chunk before a short place (bench/README.md, "V8 flags and Node's code cache").
 */
export const PIECES_AHEAD = 3;
/** Buffers given back by the thread, kept for the next pieces: gathering makes no garbage. */
const SPARE_PIECES = 8;

/** A failure the thread reported: of the file (`local`) or of the gzip data (`code` is zlib's, e.g. Z_DATA_ERROR). */
export class ThreadInflationError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly local: boolean,
  ) {
    super(message);
  }
}

/** One attempt at one gzipped chunk, inflated on the thread into the file. */
export interface ThreadInflation {
  /** Takes the chunk's body: it is written to this as it arrives (backpressure holds the connection). */
  readonly body: Writable;
  /** Hears the bytes written so far. */
  onWritten?: (bytes: number) => void;
  /** Where the chunk's bytes go, once known; until then what arrives is held (within the body's queue). */
  place(start: number): void;
  /** Resolves with the decoded size once the body has ended and every byte is written. */
  readonly written: Promise<number>;
  /**
   * Asks the thread to stop before it writes past `at` and call `beforePassing` first: false when it has already
   * written past `at`.
   */
  limit(at: number, beforePassing: () => Promise<void>): Promise<boolean>;
  /** Stops it: resolves once the thread will write nothing more for it. */
  stop(): Promise<void>;
}

type FromThread =
  | { type: 'taken'; id: number; written?: number; buffer: ArrayBuffer }
  | { type: 'passing'; id: number }
  | { type: 'limited'; id: number; ok: boolean }
  | { type: 'done'; id: number; written: number }
  | { type: 'stopped'; id: number }
  | { type: 'failed'; id: number; local: boolean; code?: string; message: string };

type Listener = (message: FromThread) => void;

let thread: { worker: Worker; listeners: Map<number, Listener>; spare: ArrayBuffer[] } | undefined;
let nextId = 0;
let available: boolean | undefined;

const WORKER_FILE = new URL('./inflate-worker.cjs', import.meta.url);

/** Whether Node's zlib engine can be driven as the thread drives it (zlib.js's own synchronous calls do the same). */
function engineDrivable(): boolean {
  const engine = createGunzip() as unknown as { _handle?: { writeSync?: unknown }; _writeState?: unknown; close(): void };
  const drivable = typeof engine._handle?.writeSync === 'function' && engine._writeState instanceof Uint32Array;
  engine.close();
  return drivable;
}

function started() {
  if (thread) return thread;
  // The file's text, run as code: read through this thread's fs, it loads from inside the packaged app's asar too.
  const worker = new Worker(readFileSync(WORKER_FILE, 'utf8'), { eval: true });
  const listeners = new Map<number, Listener>();
  const own = { worker, listeners, spare: [] as ArrayBuffer[] };
  worker.on('message', (message: FromThread) => listeners.get(message.id)?.(message));
  const lost = (error: Error) => {
    if (thread === own) thread = undefined;
    const failure: FromThread = { type: 'failed', id: 0, local: false, message: `the inflation thread stopped (${error.message})` };
    for (const [id, listener] of listeners) listener({ ...failure, id });
    listeners.clear();
  };
  worker.on('error', lost);
  worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
  // Only a chunk being inflated keeps the process alive.
  worker.unref();
  thread = own;
  return own;
}

/** Whether downloads into a file can inflate on the thread; starts it the first time, so it is up by the first chunk. */
export function inflationThread(): boolean {
  // A switch for diagnosis (README): the gunzip stream does the same work, slower.
  if (process.env.MESH_INFLATE_THREAD === 'off') return false;
  available ??= engineDrivable();
  if (!available) return false;
  try {
    // Started before the first request rather than with the first gzipped answer: 0.30 against 0.36 s for a 100 MB get.
    started();
    return true;
  } catch {
    // Its code missing beside this module (a build that left it out) or no thread to be had: the stream does the work.
    available = false;
    return false;
  }
}

/** Starts inflating one chunk attempt into the open file `fd`, taking up to `queueBytes` of its body ahead. */
export function inflateOnThread(fd: number, queueBytes: number): ThreadInflation {
  const { worker, listeners, spare } = started();
  const id = ++nextId;
  if (listeners.size === 0) worker.ref();
  let piecesAhead = 0;
  let wake: (() => void) | undefined;
  let settle!: { resolve(bytes: number): void; reject(error: Error): void };
  const written = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
  written.catch(() => {}); // met by whoever awaits it
  let failure: Error | undefined;
  let beforePassing: (() => Promise<void>) | undefined;
  /** A limit asked for and not yet answered. */
  let asked: { at: number; answer(ok: boolean): void } | undefined;
  /** Whether the chunk, finished or failed, stayed within `at`. */
  const stayedWithin = (at: number) => placedAt === undefined || placedAt + writtenSoFar <= at;
  let stopped: (() => void) | undefined;
  let stopping: Promise<void> | undefined;
  /** The thread has done with it (finished, failed or stopped): nothing more can be handed over. */
  const isOver = () => !listeners.has(id);
  let placedAt: number | undefined;
  let writtenSoFar = 0;
  /** The thread has done with it (finished, failed or stopped): whoever waits on it hears so. */
  const over = () => {
    listeners.delete(id);
    if (listeners.size === 0) worker.unref();
    stopped?.();
    // The thread does not answer a limit for a chunk it no longer has.
    asked?.answer(stayedWithin(asked.at));
    asked = undefined;
  };
  const send = (message: object, transfer: ArrayBuffer[] = []) => worker.postMessage({ ...message, id }, transfer);

  listeners.set(id, (message) => {
    if (message.type === 'taken') {
      if (spare.length < SPARE_PIECES) spare.push(message.buffer);
      piecesAhead--;
      if (message.written !== undefined) {
        writtenSoFar = message.written;
        inflation.onWritten?.(writtenSoFar);
      }
    } else if (message.type === 'passing') {
      const passing = beforePassing!;
      beforePassing = undefined;
      void passing().then(
        () => send({ type: 'resume' }),
        // What had to be done before this chunk went on failed: it goes no further, and says why.
        (error: unknown) => {
          failure ??= error instanceof Error ? error : new Error(String(error));
          void inflation.stop().then(() => settle.reject(failure!));
        },
      );
    } else if (message.type === 'limited') {
      asked?.answer(message.ok);
      asked = undefined;
    } else if (message.type === 'stopped') over();
    else if (message.type === 'done') {
      writtenSoFar = message.written;
      inflation.onWritten?.(writtenSoFar);
      over();
      settle.resolve(message.written);
    } else if (message.type === 'failed') {
      failure = new ThreadInflationError(message.message, message.code, message.local);
      over();
      settle.reject(failure);
    }
    const waking = wake;
    wake = undefined;
    waking?.();
  });
  send({ type: 'open', fd });

  let buffer = Buffer.from(spare.pop() ?? new ArrayBuffer(PIECE));
  let filled = 0;
  const handOn = () => {
    const handed = buffer.buffer as ArrayBuffer;
    piecesAhead++;
    send({ type: 'piece', buffer: handed, length: filled }, [handed]);
    buffer = Buffer.from(spare.pop() ?? new ArrayBuffer(PIECE));
    filled = 0;
  };
  const roomAhead = async () => {
    while (piecesAhead >= PIECES_AHEAD && !isOver()) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
    if (isOver()) throw new Error('the chunk was stopped');
  };

  const body = new Writable({
    highWaterMark: queueBytes,
    write(piece: Buffer, _encoding, done) {
      void (async () => {
        for (let offset = 0; offset < piece.length;) {
          const copied = piece.copy(buffer, filled, offset);
          filled += copied;
          offset += copied;
          if (filled === PIECE) {
            await roomAhead();
            handOn();
          }
        }
      })().then(() => done(), done);
    },
    final(done) {
      if (failure) return done(failure);
      if (filled > 0) handOn();
      send({ type: 'end' });
      done();
    },
  });

  const inflation: ThreadInflation = {
    body,
    written,
    place(start) {
      placedAt = start;
      send({ type: 'place', start });
    },
    async limit(at, onPassing) {
      // Finished, failed or stopped already: it wrote what it wrote.
      if (isOver()) return stayedWithin(at);
      beforePassing = onPassing;
      const ok = await new Promise<boolean>((resolve) => {
        asked = { at, answer: resolve };
        send({ type: 'limit', at });
      });
      if (!ok) beforePassing = undefined;
      return ok;
    },
    stop() {
      stopping ??= isOver()
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            stopped = resolve;
            send({ type: 'stop' });
          });
      return stopping;
    },
  };
  return inflation;
}

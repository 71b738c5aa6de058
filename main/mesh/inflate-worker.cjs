// The thread that inflates gzipped chunks of a download and writes them into the download's file
// (inflate-thread.ts starts it, feeds it and says why it exists). Plain CommonJS, read and run as
// it is from the source, from either bundle and from the packaged app.
//
// Each chunk is inflated synchronously, from the input it is given into one output buffer of its
// own used again and again, and each output is written at its place in the file before the next
// step: no thread hand-off per step and no new buffer per step. Node's zlib streams allow neither,
// and its synchronous call closes the engine after one input, so the engine's handle is driven as
// zlib.js itself drives it for its synchronous calls (`_handle.writeSync`, `_writeState`). The main
// thread checks those are there before it starts this thread.
'use strict';
const { parentPort } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { createGunzip, constants } = require('node:zlib');

/** One inflation step's output, written at once: larger steps are fewer writes (256 KiB steps cost 5% more). */
const OUTPUT_STEP = 1024 * 1024;
/** What zlib is given to finish a chunk. */
const NO_INPUT = Buffer.alloc(0);
/** Output buffers of finished chunks, kept for the next ones. */
const spareOutputs = [];

/** @type {Map<number, Job>} */
const jobs = new Map();

/**
 * @typedef {object} Job
 * @property {number} id
 * @property {number} fd
 * @property {number | undefined} start where its bytes go, once placed
 * @property {number} written
 * @property {number | undefined} limit a position it may pass only once the main thread says so
 * @property {boolean} paused waiting at its limit
 * @property {any} engine
 * @property {Buffer} output
 * @property {number} pending bytes of output inflated and not yet written
 * @property {boolean} more whether zlib may have more output from the input it holds
 * @property {Buffer | undefined} input the piece being inflated
 * @property {number} inputOffset
 * @property {number} inputLength
 * @property {number} flush
 * @property {ArrayBuffer | undefined} taking the buffer of the piece being inflated, given back once it is
 * @property {any[]} queue messages waiting (before it is placed, or while paused)
 */

function post(message, transfer) {
  parentPort.postMessage(message, transfer);
}

function openJob(id, fd) {
  const engine = createGunzip();
  // A damaged body makes zlib destroy the engine with the error; it is read from `errored` after each step.
  engine.on('error', () => {});
  return {
    id,
    fd,
    start: undefined,
    written: 0,
    limit: undefined,
    paused: false,
    engine,
    output: spareOutputs.pop() ?? Buffer.allocUnsafe(OUTPUT_STEP),
    pending: 0,
    more: false,
    input: undefined,
    inputOffset: 0,
    inputLength: 0,
    flush: constants.Z_NO_FLUSH,
    taking: undefined,
    queue: [],
  };
}

function closeJob(job) {
  jobs.delete(job.id);
  job.engine.close();
  if (spareOutputs.length < 2) spareOutputs.push(job.output);
}

/** A failure of the file, not of the data: the main thread says so as a local error. */
class FileWriteError extends Error {}

function writeAt(job, bytes) {
  for (let done = 0; done < bytes.length;) {
    try {
      done += writeSync(job.fd, bytes, done, bytes.length - done, job.start + job.written + done);
    } catch (error) {
      throw new FileWriteError(String(error.code ?? error.message), { cause: error });
    }
  }
  job.written += bytes.length;
}

/** Inflates and writes what the job holds; false when it stopped at its limit, to go on once resumed. */
function inflateHeld(job) {
  for (;;) {
    if (job.pending === 0) {
      if (!job.more && job.inputLength === 0 && job.flush === constants.Z_NO_FLUSH) return true;
      const handle = job.engine._handle;
      if (!handle) throw job.engine.errored ?? new Error('the gzip engine closed');
      handle.writeSync(job.flush, job.input ?? NO_INPUT, job.inputOffset, job.inputLength, job.output, 0, OUTPUT_STEP);
      if (job.engine.errored) throw job.engine.errored;
      const [outputLeft, inputLeft] = job.engine._writeState;
      job.inputOffset += job.inputLength - inputLeft;
      job.inputLength = inputLeft;
      job.pending = OUTPUT_STEP - outputLeft;
      // A full output buffer may mean more output waits in zlib; otherwise it took all it wanted of the input.
      job.more = outputLeft === 0;
    }
    if (job.pending > 0) {
      if (job.limit !== undefined && job.start + job.written + job.pending > job.limit) {
        job.limit = undefined;
        job.paused = true;
        post({ type: 'passing', id: job.id });
        return false;
      }
      writeAt(job, job.output.subarray(0, job.pending));
      job.pending = 0;
    }
    // zlib took all it wanted of the input (what is left after the end of the gzip data is not data).
    if (!job.more) return true;
  }
}

/** Works through the job's queue until it is empty, the job waits at its limit, or it is done. */
function run(job) {
  while (!job.paused && job.start !== undefined) {
    // A piece taken part-way (stopped at the limit) is finished first.
    if (job.input !== undefined || job.more || job.pending > 0) {
      if (!inflateHeld(job)) return;
      job.input = undefined;
      job.inputLength = 0;
      if (job.flush !== constants.Z_NO_FLUSH) {
        post({ type: 'done', id: job.id, written: job.written });
        closeJob(job);
        return;
      }
      post({ type: 'taken', id: job.id, written: job.written, buffer: job.taking }, [job.taking]);
      job.taking = undefined;
      continue;
    }
    const message = job.queue.shift();
    if (!message) return;
    if (message.type === 'piece') {
      job.input = Buffer.from(message.buffer, 0, message.length);
      job.taking = message.buffer;
      job.inputOffset = 0;
      job.inputLength = message.length;
    } else {
      // The body is all in: zlib is told to finish, which fails on a body cut short.
      job.flush = constants.Z_FINISH;
      job.input = undefined;
      job.inputOffset = 0;
      job.inputLength = 0;
      job.more = true;
    }
  }
}

function fail(job, error) {
  const local = error instanceof FileWriteError;
  post({ type: 'failed', id: job.id, local, code: local ? error.message : error.code, message: error.message });
  closeJob(job);
}

parentPort.on('message', (message) => {
  const { id } = message;
  if (message.type === 'open') {
    jobs.set(id, openJob(id, message.fd));
    return;
  }
  const job = jobs.get(id);
  if (message.type === 'stop') {
    if (job) closeJob(job);
    post({ type: 'stopped', id });
    return;
  }
  if (!job) {
    // Stopped or failed already: only the buffer goes back.
    if (message.type === 'piece') post({ type: 'taken', id, buffer: message.buffer }, [message.buffer]);
    return;
  }
  try {
    if (message.type === 'place') job.start = message.start;
    else if (message.type === 'limit') {
      const ok = job.start === undefined || job.start + job.written <= message.at;
      if (ok) job.limit = message.at;
      post({ type: 'limited', id, ok });
      return;
    } else if (message.type === 'resume') job.paused = false;
    else job.queue.push(message);
    run(job);
  } catch (error) {
    fail(job, error);
  }
});

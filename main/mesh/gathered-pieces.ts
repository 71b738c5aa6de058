// Feeds gunzip the small pieces a body arrives in (TLS gives 16-25 KB at a time) as larger ones:
// every piece gunzip is given is one hand-off to zlib's thread and back, and 100 MB of CSV arriving
// in 25 KB pieces spent as long on the hand-offs as on inflating (issue 14). The pieces are copied
// into two buffers used in turn (one being inflated while the other fills), so gathering makes no
// garbage and holds two pieces at most.
import { Writable } from 'node:stream';

/**
 * Buffers of chunks gathered before, for the next: a chunk's two live about as long as it takes to inflate it,
 * long enough to outlive V8's young-generation collections, and a new pair for each of 50 chunks of a 1 GB
 * download waited for a whole-heap collection as garbage.
 */
const spare: Buffer[] = [];
const SPARE_BUFFERS = 4;

function takeBuffer(bytes: number): Buffer {
  const index = spare.findIndex((buffer) => buffer.length === bytes);
  return index >= 0 ? spare.splice(index, 1)[0]! : Buffer.allocUnsafe(bytes);
}

export class GatheredPieces extends Writable {
  private readonly buffers: [Buffer, Buffer];
  private readonly inUse = [false, false];
  private filling = 0;
  private filled = 0;
  private wake: (() => void) | undefined;
  private over = false;

  /** `pieceBytes`: the size handed on (the last piece may be smaller); `queueBytes`: what is taken ahead of that. */
  constructor(
    private readonly inflate: Writable,
    pieceBytes: number,
    queueBytes: number,
  ) {
    super({ highWaterMark: queueBytes });
    this.buffers = [takeBuffer(pieceBytes), takeBuffer(pieceBytes)];
    inflate.once('error', (error) => this.destroy(error));
    // Stopped from the other end (the reader gave up): nothing more can go in.
    inflate.once('close', () => {
      if (!this.writableFinished) this.destroy();
    });
  }

  override _write(piece: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.take(piece).then(() => done(), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.filled > 0) this.handOn();
    this.inflate.end();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.wake?.();
    // A buffer zlib is still reading (on its own thread) is given back once zlib is done with it.
    this.over = true;
    for (const index of [0, 1]) if (!this.inUse[index]) this.giveBack(index);
    // (Also called once all is written, when gunzip may still be inflating: only a stop before then stops it.)
    if ((error || !this.writableFinished) && !this.inflate.destroyed) this.inflate.destroy(error ?? undefined);
    done(error);
  }

  private async take(piece: Buffer): Promise<void> {
    for (let offset = 0; offset < piece.length;) {
      while (this.inUse[this.filling]) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        if (this.destroyed) return;
      }
      const buffer = this.buffers[this.filling]!;
      const copied = piece.copy(buffer, this.filled, offset);
      this.filled += copied;
      offset += copied;
      if (this.filled === buffer.length) this.handOn();
    }
  }

  private giveBack(index: number): void {
    if (spare.length < SPARE_BUFFERS) spare.push(this.buffers[index]!);
  }

  private handOn(): void {
    const index = this.filling;
    this.inUse[index] = true;
    // gunzip calls back once it has inflated all of the piece: the buffer can then be filled again.
    this.inflate.write(this.buffers[index]!.subarray(0, this.filled), () => {
      this.inUse[index] = false;
      if (this.over) this.giveBack(index);
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    });
    this.filling = 1 - index;
    this.filled = 0;
  }
}

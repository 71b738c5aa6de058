// Joins the many small chunks a CSV stringifier emits (one per row) into large UTF-8 buffers:
// far fewer writes, stream turns and allocations at 100,000 rows. Counts the bytes that pass.
// Takes strings (from a stringifier whose readable side is in object mode) or buffers.
import { Transform, type TransformCallback } from 'node:stream';

const CHUNK_CHARS = 256 * 1024;

export class ByteCounter extends Transform {
  bytes = 0;
  private parts: string[] = [];
  private pending = 0;

  constructor() {
    super({ writableObjectMode: true });
  }

  override _transform(chunk: string | Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= CHUNK_CHARS) this.flushParts();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.flushParts();
    callback();
  }

  private flushParts(): void {
    if (this.parts.length === 0) return;
    const buffer = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pending = 0;
    this.bytes += buffer.length;
    this.push(buffer);
  }
}

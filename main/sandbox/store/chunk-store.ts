// Where chunk bytes live. In memory as buffers, or in files under the data folder, streamed both ways.
import { Readable } from 'node:stream';

export interface ChunkBody {
  /** Stored size in bytes (compressed if the chunk was sent gzipped). */
  size: number;
  /** The whole chunk, only when it is held in memory. */
  buffer?: Buffer;
  /** The file holding the stored bytes, when the chunk is kept in a file. */
  file?: string;
  /** A fresh stream of the stored bytes. */
  open(): Readable;
}

export interface ChunkOwner {
  messageId: string;
  recipient: { mailboxId: string };
}

export interface ChunkStore {
  /** Stores chunk n from the stream (replacing an earlier copy only once the new one is complete); resolves its size. */
  write(owner: ChunkOwner, chunkNo: number, source: Readable): Promise<number>;
  read(owner: ChunkOwner, chunkNo: number): Promise<ChunkBody | undefined>;
  removeMessage(owner: ChunkOwner): Promise<void>;
  clear(): Promise<void>;
}

export class MemoryChunkStore implements ChunkStore {
  private readonly chunks = new Map<string, Buffer>();

  async write(owner: ChunkOwner, chunkNo: number, source: Readable): Promise<number> {
    const parts: Buffer[] = [];
    for await (const part of source) parts.push(part as Buffer);
    const buffer = Buffer.concat(parts);
    this.chunks.set(`${owner.messageId}/${chunkNo}`, buffer);
    return buffer.length;
  }

  async read(owner: ChunkOwner, chunkNo: number): Promise<ChunkBody | undefined> {
    const buffer = this.chunks.get(`${owner.messageId}/${chunkNo}`);
    if (!buffer) return undefined;
    return { size: buffer.length, buffer, open: () => Readable.from([buffer]) };
  }

  async removeMessage(owner: ChunkOwner): Promise<void> {
    const prefix = `${owner.messageId}/`;
    for (const key of [...this.chunks.keys()]) if (key.startsWith(prefix)) this.chunks.delete(key);
  }

  async clear(): Promise<void> {
    this.chunks.clear();
  }
}

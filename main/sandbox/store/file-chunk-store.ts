// Chunks as files, laid out as the sandbox's file store does: <root>/<RECIPIENT>/in/<ID>/<n>.
// Bodies stream to a temporary file that is renamed into place when complete, so an interrupted
// upload never replaces a good chunk; downloads stream from the file.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { ChunkBody, ChunkOwner, ChunkStore } from './chunk-store';

const STREAM_BUFFER = 1024 * 1024;

export class FileChunkStore implements ChunkStore {
  constructor(private readonly root: string) {}

  private dir(owner: ChunkOwner): string {
    return join(this.root, owner.recipient.mailboxId || '_', 'in', owner.messageId);
  }

  async write(owner: ChunkOwner, chunkNo: number, source: Readable): Promise<number> {
    const dir = this.dir(owner);
    await mkdir(dir, { recursive: true });
    const final = join(dir, String(chunkNo));
    const temp = `${final}.${randomBytes(6).toString('hex')}.part`;
    try {
      await pipeline(source, createWriteStream(temp, { highWaterMark: STREAM_BUFFER }));
      const { size } = await stat(temp);
      await rename(temp, final);
      return size;
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  async read(owner: ChunkOwner, chunkNo: number): Promise<ChunkBody | undefined> {
    const path = join(this.dir(owner), String(chunkNo));
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    return { size: info.size, file: path, open: () => createReadStream(path, { highWaterMark: STREAM_BUFFER }) };
  }

  async removeMessage(owner: ChunkOwner): Promise<void> {
    await rm(this.dir(owner), { recursive: true, force: true });
  }

  async clear(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

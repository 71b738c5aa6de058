// A message's content as its recipient downloads it (every chunk, through the real client), held in memory.
import { Writable } from 'node:stream';
import type { MeshClient } from '../../main/mesh';

export async function downloadedBytes(client: MeshClient, messageId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  await client.download(
    messageId,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        parts.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(parts);
}

export async function downloadedText(client: MeshClient, messageId: string): Promise<string> {
  return (await downloadedBytes(client, messageId)).toString('utf8');
}

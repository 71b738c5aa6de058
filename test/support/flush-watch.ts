// Watches, in this process, every flush of a file to the disk (FileHandle.sync, by the file's inode) and every
// acknowledgement a MeshClient sends, in the order they happen. Both still do their work.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { MeshClient } from '../../main/mesh';

export type FlushOrAck = { kind: 'flushed'; ino: number } | { kind: 'acknowledged'; messageId: string };

/** `dir` is any folder this test may write a probe file to. Call `restore` when done. */
export async function watchFlushesAndAcknowledgements(dir: string): Promise<{ events: FlushOrAck[]; restore(): void }> {
  const events: FlushOrAck[] = [];
  const probe = await open(join(dir, 'probe'), 'w');
  const handlePrototype = Object.getPrototypeOf(probe) as { sync(this: typeof probe): Promise<void> };
  await probe.close();
  const sync = handlePrototype.sync;
  handlePrototype.sync = async function (this: typeof probe) {
    const { ino } = await this.stat();
    await sync.call(this);
    events.push({ kind: 'flushed', ino });
  };
  const acknowledge = MeshClient.prototype.acknowledge;
  MeshClient.prototype.acknowledge = async function (this: MeshClient, messageId: string) {
    events.push({ kind: 'acknowledged', messageId });
    return acknowledge.call(this, messageId);
  };
  return {
    events,
    restore() {
      handlePrototype.sync = sync;
      MeshClient.prototype.acknowledge = acknowledge;
    },
  };
}

// Message records as JSON files beside their chunks: <root>/<RECIPIENT>/in/<ID>.json.
// Each write goes to a temporary file renamed into place; writes of one message are serialised.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { StoredMessage } from '../message';

export class MessageFiles {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly root: string) {}

  private path(message: StoredMessage): string {
    return join(this.root, message.recipient.mailboxId || '_', 'in', `${message.messageId}.json`);
  }

  save(message: StoredMessage): Promise<void> {
    const json = JSON.stringify(message);
    const path = this.path(message);
    const previous = this.pending.get(message.messageId) ?? Promise.resolve();
    const next = previous.then(async () => {
      await mkdir(join(path, '..'), { recursive: true });
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, json);
      await rename(temp, path);
    });
    const settled = next.catch(() => undefined);
    this.pending.set(message.messageId, settled);
    void settled.then(() => {
      if (this.pending.get(message.messageId) === settled) this.pending.delete(message.messageId);
    });
    return next;
  }

  async remove(message: StoredMessage): Promise<void> {
    await (this.pending.get(message.messageId) ?? Promise.resolve());
    await rm(this.path(message), { force: true });
  }

  /** Every message record on disk; unreadable files are skipped. */
  async loadAll(): Promise<StoredMessage[]> {
    const messages: StoredMessage[] = [];
    const mailboxes = await readdir(this.root).catch(() => [] as string[]);
    for (const mailbox of mailboxes) {
      const dir = join(this.root, mailbox, 'in');
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        if (!name.endsWith('.json')) continue;
        try {
          messages.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as StoredMessage);
        } catch {
          // a half-written or foreign file: not a message
        }
      }
    }
    return messages;
  }

  async flush(): Promise<void> {
    await Promise.all([...this.pending.values()]);
  }
}

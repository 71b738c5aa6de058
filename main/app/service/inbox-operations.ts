// The inbox's operations for the screens: reading, saving and acknowledging messages, with what the
// console remembers of each (read marks and sizes, in the data folder) and what it tells as the
// inbox changes: how many wait and how many are unread, messages newly arrived, download progress.
import type { AckResult, AcknowledgeCheck, ConsoleEvent, ConsoleOperations, InboxItem, MessageView, SavedFile } from '../../domain';
import type { InboxCache, InboxSnapshot } from '../../operations/inbox';
import { neverSavedOrOpened, readMessage, readSaveFolder, saveAndAcknowledgeMessages, writeSaveFolder } from '../../operations/message';
import { acknowledgeMessages, saveMessage, type DownloadProgress } from '../../operations/save-message';
import { safeFileName } from '../../operations/safe-file-name';
import type { DialogPort } from '../../ports';
import type { ConsoleRuntime } from '../runtime';

/** A download tells its progress at each new chunk and at most once per this many bytes within one. */
const PROGRESS_STEP_BYTES = 1024 * 1024;
/** The ids named in one arrival event (the count is always the whole number). */
const ARRIVALS_NAMED = 100;

export interface InboxOperationsDeps {
  runtime: ConsoleRuntime;
  inbox: InboxCache;
  dialogs: DialogPort;
  emit(event: ConsoleEvent): void;
}

type Operations = Pick<
  ConsoleOperations,
  'message' | 'saveMessage' | 'acknowledge' | 'acknowledgeCheck' | 'chooseSaveFolder' | 'saveAndAcknowledge'
>;

export interface InboxOperations {
  operations: Operations;
  /** Each item with its read mark and its size when known. */
  withMarks(items: readonly InboxItem[]): InboxItem[];
  /** How many of these were never opened. */
  unreadCount(items: readonly InboxItem[]): number;
  /** A full listing came from MESH: announce what is new, forget the marks of what has gone. */
  listed(snapshot: Pick<InboxSnapshot, 'items'>): void;
  /** Another mailbox (new settings): its first listing announces nothing. */
  reset(): void;
  /** Waits for the marks being written. */
  settle(): Promise<void>;
}

export function createInboxOperations({ runtime, inbox, dialogs, emit }: InboxOperationsDeps): InboxOperations {
  const marks = () => runtime.stores.readMarks;
  let known: ReadonlySet<string> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const unreadCount = (items: readonly InboxItem[]) => items.filter((item) => !marks().isRead(item.messageId)).length;
  const changed = (items: readonly InboxItem[] = inbox.snapshot?.items ?? []) =>
    emit({ type: 'inbox-changed', count: items.length, unread: unreadCount(items) });

  /** Marks are a convenience: failing to keep one is said once, and never stops the message being shown or saved. */
  const remember = (work: () => Promise<void>) => {
    const done = writing.then(work).catch((error: unknown) => {
      emit({
        type: 'notice',
        level: 'warning',
        text: `The console could not remember which messages were opened (${error instanceof Error ? error.message : String(error)}).`,
      });
    });
    writing = done;
    return done;
  };

  const progressOf = (operation: 'saveMessage' | 'saveAndAcknowledge', messageId: string): DownloadProgress => {
    const total = marks().of(messageId)?.bytes ?? 0;
    let lastChunk = 0;
    let lastDone = 0;
    return (done, chunk) => {
      if (chunk.index === lastChunk && done - lastDone < PROGRESS_STEP_BYTES) return;
      lastChunk = chunk.index;
      lastDone = done;
      emit({ type: 'progress', operation, id: messageId, done, total, chunk });
    };
  };

  const operations: Operations = {
    async message(id: string): Promise<MessageView> {
      const view = await readMessage(runtime, id);
      await remember(() => marks().markRead(id, view.size));
      changed();
      return view;
    },

    async saveMessage(id: string): Promise<SavedFile | null> {
      const metadata = inbox.metadataOf(id) ?? (await (await runtime.client()).metadata(id));
      const path = await dialogs.saveFile({ title: 'Save the message', defaultName: safeFileName(metadata.fileName, `${id}.dat`) });
      if (!path) return null;
      const saved = await saveMessage(runtime, id, path, { onProgress: progressOf('saveMessage', id) });
      await remember(() => marks().noteSize(id, saved.bytes));
      return saved;
    },

    async acknowledge(ids: string[]): Promise<AckResult[]> {
      const results = await acknowledgeMessages(await runtime.client(), ids);
      inbox.forget(results.filter((r) => r.ok).map((r) => r.messageId));
      changed();
      return results;
    },

    async acknowledgeCheck(ids: string[]): Promise<AcknowledgeCheck> {
      await runtime.stores.audit.refresh();
      const saveFolder = await readSaveFolder(runtime.settings.dataDir);
      return { count: ids.length, neverSaved: neverSavedOrOpened(runtime.stores.audit, ids), ...(saveFolder ? { saveFolder } : {}) };
    },

    async chooseSaveFolder(): Promise<string | null> {
      const folder = await dialogs.openFolder({ title: 'Choose the folder messages are saved to before they are acknowledged' });
      if (folder) await writeSaveFolder(runtime.settings.dataDir, folder);
      return folder;
    },

    async saveAndAcknowledge(ids: string[]) {
      const folder = (await readSaveFolder(runtime.settings.dataDir)) ?? (await operations.chooseSaveFolder());
      if (!folder) return null;
      const client = await runtime.client();
      const result = await saveAndAcknowledgeMessages(
        runtime,
        folder,
        ids,
        async (id) => (inbox.metadataOf(id) ?? (await client.metadata(id))).fileName,
        (id) => progressOf('saveAndAcknowledge', id),
      );
      const done = result.results.filter((r) => r.ok).map((r) => r.messageId);
      if (done.length) {
        inbox.forget(done);
        changed();
      }
      return result;
    },
  };

  return {
    operations,
    unreadCount,
    withMarks(items) {
      const store = marks();
      return items.map((item) => {
        const mark = store.of(item.messageId);
        if (!mark) return item;
        return { ...item, ...(mark.readAt ? { read: true } : {}), ...(mark.bytes !== undefined ? { size: mark.bytes } : {}) };
      });
    },
    listed(snapshot) {
      const ids = snapshot.items.map((item) => item.messageId);
      const listed = new Set(ids);
      if (known) {
        const before = known;
        const arrived = ids.filter((id) => !before.has(id));
        if (arrived.length) emit({ type: 'messages-arrived', count: arrived.length, messageIds: arrived.slice(0, ARRIVALS_NAMED) });
      }
      known = listed;
      void remember(() => marks().keepOnly(listed));
      changed(snapshot.items);
    },
    reset() {
      known = undefined;
    },
    settle: () => writing,
  };
}

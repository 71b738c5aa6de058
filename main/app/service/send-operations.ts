// What the Send and Sent screens ask of the console: a file chosen (by dialog or dropped) and
// known afterwards only by its token, sent with progress and a way to cancel, addresses looked up,
// and what was sent tracked.
import type {
  ChosenFile,
  ConsoleEvent,
  ConsoleOperations,
  MailboxLookupResult,
  SendRequest,
  SendResult,
  SendSuggestions,
  SentItem,
} from '../../domain';
import { sendFile, trackSent } from '../../operations/send';
import type { DialogPort } from '../../ports';
import type { ConsoleRuntime } from '../runtime';
import { ChosenFiles } from './chosen-files';
import { withWhereInSettings } from './where-in-settings';

type SendOperations = Pick<
  ConsoleOperations,
  'chooseFileToSend' | 'chooseDroppedFile' | 'sendFile' | 'cancelSend' | 'sendSuggestions' | 'lookupMailbox' | 'sentMessages' | 'trackSent'
>;

export function sendOperations(runtime: ConsoleRuntime, dialogs: DialogPort, emit: (event: ConsoleEvent) => void): SendOperations {
  const chosenFiles = new ChosenFiles();
  /** Sends under way, by file token, so the screen can cancel one. */
  const sending = new Map<string, AbortController>();

  return {
    async chooseFileToSend(): Promise<ChosenFile | null> {
      const path = await dialogs.openFile({ title: 'Choose the file to send' });
      return path ? chosenFiles.choose(path) : null;
    },

    async chooseDroppedFile(path: string): Promise<ChosenFile> {
      return chosenFiles.choose(path);
    },

    async sendFile(request: SendRequest): Promise<SendResult> {
      const path = chosenFiles.pathOf(request.fileToken);
      if (!path) return { ok: false, error: 'The chosen file is no longer known to the console; choose the file again.' };
      const cancel = new AbortController();
      sending.set(request.fileToken, cancel);
      try {
        const result = await sendFile(runtime, {
          path,
          to: request.to,
          workflowId: request.workflowId,
          compress: request.compress,
          ...(request.subject ? { subject: request.subject } : {}),
          ...(request.localId ? { localId: request.localId } : {}),
          ...(request.fileName ? { fileName: request.fileName } : {}),
          ...(request.chunkSizeBytes ? { chunkSizeBytes: request.chunkSizeBytes } : {}),
          onProgress: (done, total) => emit({ type: 'progress', operation: 'sendFile', id: request.fileToken, done, total }),
          signal: cancel.signal,
        });
        const { localId, ...sendResult } = withWhereInSettings(result);
        return result.ok
          ? { ...sendResult, localId }
          : { ...sendResult, error: result.outcomeUnknown ? `${result.error} Its local id is ${localId}.` : result.error };
      } finally {
        sending.delete(request.fileToken);
      }
    },

    async cancelSend(fileToken: string): Promise<boolean> {
      const send = sending.get(fileToken);
      send?.abort();
      return send !== undefined;
    },

    async sendSuggestions(): Promise<SendSuggestions> {
      await runtime.stores.sent.refresh();
      return runtime.stores.sent.recentAddresses();
    },

    async lookupMailbox(odsCode: string, workflowId: string): Promise<MailboxLookupResult[]> {
      return (await runtime.client()).lookup(odsCode.trim().toUpperCase(), workflowId.trim());
    },

    async sentMessages(): Promise<SentItem[]> {
      return runtime.stores.sent.list();
    },

    async trackSent(messageId: string): Promise<SentItem> {
      return trackSent(runtime, messageId);
    },
  };
}

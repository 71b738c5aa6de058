// A folder pass in a process of its own, as `mesh-console folders sync` runs it, that stops dead
// once a message's files are written and flushed, before it is acknowledged: the test kills it
// there (SIGKILL) and checks what the next pass makes of it.
import { openCliRuntime } from '../../main/cli/context';
import { runFolderPass } from '../../main/folders/folder-pass';

const runtime = await openCliRuntime();
await runFolderPass({
  client: () => runtime.client(),
  dataDir: runtime.dataDir,
  stores: { audit: runtime.stores.audit, sent: runtime.stores.sent },
  folders: runtime.settings.folders!,
  direction: 'in',
  beforeAcknowledge: async (messageId) => {
    process.stderr.write(`written ${messageId}, not acknowledged\n`);
    await new Promise(() => undefined);
  },
});

// A folder pass in a process of its own, as `mesh-console folders sync` runs it, that stops dead
// at one moment for the test to kill it (SIGKILL) there and check what the next pass makes of it:
// FOLDER_CHILD_STOP=in: once a message's files are written and flushed, before it is acknowledged;
// FOLDER_CHILD_STOP=out: once MESH has accepted a file, before it is moved to SENT.
import { openCliRuntime } from '../../main/cli/context';
import { runFolderPass } from '../../main/folders/folder-pass';

const stop = process.env.FOLDER_CHILD_STOP === 'out' ? 'out' : 'in';
const forever = () => new Promise<void>(() => undefined);
const runtime = await openCliRuntime();
await runFolderPass({
  client: () => runtime.client(),
  dataDir: runtime.dataDir,
  stores: { audit: runtime.stores.audit, sent: runtime.stores.sent },
  folders: runtime.settings.folders!,
  direction: stop,
  beforeAcknowledge: async (messageId) => {
    process.stderr.write(`written ${messageId}, not acknowledged\n`);
    await forever();
  },
  afterSend: async (name, messageId) => {
    process.stderr.write(`sent ${name} as ${messageId}, not moved\n`);
    await forever();
  },
});

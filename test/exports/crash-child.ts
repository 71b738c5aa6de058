// Run as a child process by crash-after-send.test.ts: exports one programme and kills itself
// with SIGKILL after MESH accepted the POST and before the export is saved as accepted.
import { exportStores } from '../../main/exports/context';
import { join } from 'node:path';
import { runExports } from '../../main/exports/run';
import type { VaccinationRecord } from '../../main/dps/record';
import { MeshClient } from '../../main/mesh';
import { openStores } from '../../main/store/open-stores';

const { dataDir, url, certificatePem, privateKeyPem, caPem, programme } = JSON.parse(process.env.CRASH_CHILD ?? '{}');
const stores = await openStores<VaccinationRecord>(dataDir);
const client = new MeshClient({
  baseUrl: url,
  mailbox: 'X26ABC1',
  password: 'password',
  sharedKey: 'TestKey',
  certificatePem,
  privateKeyPem,
  caPem,
});
await runExports(
  {
    ...exportStores(stores),
    client: async () => client,
    exportsDir: join(dataDir, 'exports'),
    dpsMailbox: 'X26ABC2',
    workflowId: 'dps export',
    afterSend: (_exportId, messageId) => {
      process.stdout.write(`${messageId}\n`);
      process.kill(process.pid, 'SIGKILL');
    },
  },
  programme,
);
process.stdout.write('not killed\n');

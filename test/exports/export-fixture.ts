// An export context over real parts: the local MESH server with mutual TLS, lowdb stores in a
// temp data folder, demo records imported. The console's mailbox is X26ABC1; DPS is X26ABC2.
import { exportStores } from '../../main/exports/context';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportContext } from '../../main/exports/context';
import { generateDemoRecords } from '../../main/dps/demo-records';
import type { VaccinationRecord } from '../../main/dps/record';
import type { MeshClient } from '../../main/mesh';
import { openStores, type Stores } from '../../main/store/open-stores';
import { startPeer, type Peer } from '../mesh/peer';

export interface ExportFixture {
  peer: Peer;
  dataDir: string;
  stores: Stores<VaccinationRecord>;
  records: VaccinationRecord[];
  sender: MeshClient;
  dps: MeshClient;
  context(overrides?: Partial<ExportContext>): ExportContext;
  /** Opens the stores again from disk, as a restarted console would. */
  reopen(): Promise<Stores<VaccinationRecord>>;
  close(): Promise<void>;
}

export async function exportFixture(recordCount = 60, existingPeer?: Peer): Promise<ExportFixture> {
  const peer = existingPeer ?? (await startPeer({ checks: { workflowAuthorisation: true } }));
  const dataDir = await mkdtemp(join(tmpdir(), 'mesh-console-exports-'));
  let stores = await openStores<VaccinationRecord>(dataDir);
  const records = generateDemoRecords(recordCount, { seed: 7 });
  await stores.records.applyImport(records);
  const sender = peer.client('X26ABC1');
  const dps = peer.client('X26ABC2');
  const fixture: ExportFixture = {
    peer,
    dataDir,
    records,
    sender,
    dps,
    get stores() {
      return stores;
    },
    context(overrides = {}) {
      return {
        ...exportStores(stores),
        client: async () => sender,
        exportsDir: join(dataDir, 'exports'),
        dpsMailbox: 'X26ABC2',
        workflowId: 'dps export',
        ...overrides,
      };
    },
    async reopen() {
      await stores.close();
      stores = await openStores<VaccinationRecord>(dataDir);
      return stores;
    },
    async close() {
      await stores.close();
      if (!existingPeer) await peer.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return fixture;
}

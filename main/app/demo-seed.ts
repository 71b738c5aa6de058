// First start on the local MESH server: demo vaccination records in the store and a few
// messages of different kinds in the console's inbox, so that a fresh `npm start` shows a
// working console. Runs once per data folder, and again when the demo messages have expired.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoRecords } from '../dps/demo-records';
import type { VaccinationRecord } from '../dps/record';
import type { MeshClient } from '../mesh';
import type { RecordsStore } from '../store/records-store';
import type { LocalMesh } from './local-mesh';

/** What seeding needs: the local server, the records store, the console's mailbox, a client for another local mailbox. */
export interface DemoSeedTarget {
  local: LocalMesh;
  records: RecordsStore<VaccinationRecord>;
  mailbox: string;
  clientFor(mailbox: string): MeshClient;
}

const MARKER = 'demo-seeded';

interface DemoMessage {
  from: string;
  workflowId: string;
  fileName: string;
  subject: string;
  body: Buffer;
  chunkSizeBytes?: number;
}

function demoMessages(): DemoMessage[] {
  const clinicList = [
    'nhs_number,given_name,family_name,school_urn,clinic_date',
    '9990000018,Amelia,Khan,123456,2026-12-01',
    '9990000026,Noah,"O\'Brien",123456,2026-12-01',
    '9990000034,Isla,Patel,654321,2026-12-02',
  ].join('\n');
  const ack = ['"FILE_NAME"|"RECORDS"|"ACCEPTED"|"REJECTED"', '"Vaccinations-Flu-2026-11-24.csv"|"182"|"182"|"0"'].join('\n');
  const letter =
    'Dear colleague,\n\nPlease find the immunisation catch-up list for the spring term attached to the next ' +
    'message.\n\nKind regards,\nSchool Age Immunisation Service\n';
  const lines = Array.from({ length: 6000 }, (_, i) => `line ${i + 1}: demo chunked content for the local MESH sandbox`).join('\n');
  const binary = Buffer.alloc(2048);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 73 + 11) % 256;
  return [
    {
      from: 'X26ABC2',
      workflowId: 'TEST_WORKFLOW_ACK',
      fileName: 'dps-ack-2026-11-24.csv',
      subject: 'DPS acknowledgement',
      body: Buffer.from(ack),
    },
    {
      from: 'X26ABC3',
      workflowId: 'TEST_WORKFLOW2',
      fileName: 'clinic-list.csv',
      subject: 'Clinic list for December',
      body: Buffer.from(clinicList),
    },
    { from: 'X26ABC2', workflowId: 'TEST_WORKFLOW', fileName: 'letter.txt', subject: 'Catch-up list', body: Buffer.from(letter) },
    { from: 'X26ABC3', workflowId: 'TEST_WORKFLOW2', fileName: 'scan.bin', subject: 'Scanned consent form', body: binary },
    {
      from: 'X26ABC2',
      workflowId: 'TEST_WORKFLOW',
      fileName: 'page.html',
      subject: 'An HTML file (shown as text)',
      body: Buffer.from('<h1>Hello</h1><script>alert("not run")</script>\n'),
    },
    {
      from: 'X26ABC3',
      workflowId: 'TEST_WORKFLOW2',
      fileName: 'large-report.txt',
      subject: 'A chunked message',
      body: Buffer.from(lines),
      chunkSizeBytes: 128 * 1024,
    },
  ];
}

/** MESH removes a message left unacknowledged this long (the strict local server too). */
const MESSAGES_LAST_MS = 5 * 24 * 60 * 60 * 1000;

/** When the demo was last sent, or last found still there, from the marker; undefined when never. */
async function lastSeeded(marker: string): Promise<Date | undefined> {
  if (!existsSync(marker)) return undefined;
  const when = new Date((await readFile(marker, 'utf8').catch(() => '')).trim());
  // A marker that does not read as a time is an old demo: its messages may be gone.
  return Number.isNaN(when.getTime()) ? new Date(0) : when;
}

/**
 * Seeds once; returns a sentence for the operator when it did. A console opened again after the demo
 * messages expired (or were all acknowledged) more than 5 days after they were sent gets them again,
 * so the demo never opens on an empty inbox; records are added only to an empty store.
 */
export async function seedDemoData({ local, records, mailbox, clientFor }: DemoSeedTarget, now = new Date()): Promise<string | undefined> {
  const marker = join(local.dir, MARKER);
  const seededAt = await lastSeeded(marker);
  if (seededAt) {
    if (now.getTime() - seededAt.getTime() < MESSAGES_LAST_MS) return undefined;
    const own = clientFor(mailbox);
    try {
      if ((await own.inboxAll()).length > 0) {
        // Still there: looked at again in 5 days, not at every start.
        await writeFile(marker, now.toISOString());
        return undefined;
      }
    } finally {
      await own.close();
    }
  }

  if (records.size === 0) {
    await records.applyImport(generateDemoRecords(240, { seed: Date.now() % 100_000 }));
  }
  await sendDemoMessages(local, mailbox, clientFor);
  await writeFile(marker, now.toISOString());
  return seededAt
    ? 'This is the local MESH sandbox, not NHS MESH: its demo messages had gone (MESH removes a message after 5 days), ' +
        'so they were sent again.'
    : 'This is the local MESH sandbox, not NHS MESH: demo vaccination records and inbox messages were added.';
}

async function sendDemoMessages(local: LocalMesh, mailbox: string, clientFor: DemoSeedTarget['clientFor']): Promise<void> {
  for (const message of demoMessages()) {
    const client = clientFor(message.from);
    try {
      await client.send({
        to: mailbox,
        workflowId: message.workflowId,
        fileName: message.fileName,
        subject: message.subject,
        source: { data: message.body },
        ...(message.chunkSizeBytes ? { chunkSizeBytes: message.chunkSizeBytes } : {}),
      });
    } finally {
      await client.close();
    }
  }
  await local.server.admin.injectReport({
    mailboxId: mailbox,
    code: '14',
    description: 'Message not collected by recipient after 5 days',
    workflowId: 'TEST_WORKFLOW',
    status: 'error',
    subject: 'Non-delivery report',
    localId: 'demo-old-letter',
  });
}

// The console's own local MESH server, started when no real mailbox is configured. It keeps
// its messages in the data folder and asks for a client certificate signed by a local CA, so
// the console talks to it exactly as it would to NHS MESH: HTTPS with mutual TLS.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_WORKFLOWS, startMeshServer, type RunningMeshServerWithAdmin, type SandboxWorkflow } from '../sandbox';
import { CHECK_NAMES } from '../sandbox/checks';
import { createSelfSigned, issueCertificate, type CertifiedKey } from '../settings/pki';

export interface LocalMesh {
  server: RunningMeshServerWithAdmin;
  /** The client identity the local server accepts, for any of its mailboxes. */
  clientIdentity: CertifiedKey;
  dir: string;
}

/**
 * The sandbox's workflows plus those the demo messages travel on (demo-seed.ts): X26ABC2 sends
 * TEST_WORKFLOW and X26ABC3 sends TEST_WORKFLOW2 to X26ABC1, so a strict server accepts them.
 */
export const LOCAL_WORKFLOWS: SandboxWorkflow[] = [
  ...DEFAULT_WORKFLOWS,
  { workflowId: 'TEST_WORKFLOW', senders: ['X26ABC2'], receivers: ['X26ABC1'] },
  { workflowId: 'TEST_WORKFLOW2', senders: ['X26ABC3'], receivers: ['X26ABC1'] },
];

export interface LocalMeshOptions {
  port?: number;
  /** Refuse what NHS MESH refuses and the official sandbox does not (the server's strict mode). */
  strict?: boolean;
  log?: (line: string) => void;
}

async function readOrMake(dir: string, name: string, make: () => Promise<CertifiedKey>): Promise<CertifiedKey> {
  const certPath = join(dir, `${name}-cert.pem`);
  const keyPath = join(dir, `${name}-key.pem`);
  try {
    const [certificatePem, privateKeyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { certificatePem, privateKeyPem };
  } catch {
    const made = await make();
    await writeFile(keyPath, made.privateKeyPem, { mode: 0o600 });
    await writeFile(certPath, made.certificatePem, { mode: 0o644 });
    return made;
  }
}

export async function startLocalMesh(dataDir: string, options: LocalMeshOptions = {}): Promise<LocalMesh> {
  const dir = join(dataDir, 'local-mesh');
  const identityDir = join(dir, 'client-identity');
  await mkdir(identityDir, { recursive: true, mode: 0o700 });
  const ca = await readOrMake(identityDir, 'ca', () => createSelfSigned({ commonName: 'MESH console local CA', usage: 'ca' }));
  const clientIdentity = await readOrMake(identityDir, 'client', () =>
    issueCertificate(ca, { commonName: 'local.x26.api.mesh-client.nhs.uk', usage: 'client' }),
  );
  const server = await startMeshServer({
    dataDir: join(dir, 'store'),
    clientCa: ca.certificatePem,
    workflows: LOCAL_WORKFLOWS,
    strict: options.strict === true,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { server, clientIdentity, dir };
}

/** Turns every check of strict mode on or off in a running local server (after a settings change). */
export function setLocalMeshStrict(local: LocalMesh, strict: boolean): void {
  local.server.admin.setChecks(Object.fromEntries(CHECK_NAMES.map((name) => [name, strict])));
}

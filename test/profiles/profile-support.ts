// Adds a profile with the real command line, pointed at a sandbox server process.
import assert from 'node:assert/strict';
import { cli } from '../cli/cli-support';
import type { SandboxProcess } from '../exports/dps-receiver';

export async function addSandboxProfile(sandbox: SandboxProcess, dataDir: string, name: string, mailbox: string): Promise<void> {
  const connection = sandbox.consoleEnv(dataDir);
  const args = ['profile', 'add', name, '--environment', 'custom', '--base-url', connection.MESH_BASE_URL!];
  args.push('--ca-bundle', connection.MESH_CA_BUNDLE!, '--mailbox', mailbox);
  const added = await cli(args, { MESH_DATA_DIR: dataDir });
  assert.equal(added.code, 0, added.stderr);
}

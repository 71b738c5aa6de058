// Temp data folders for the settings tests.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

export async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-settings-'));
  after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function writeSettings(dir: string, contents: unknown): Promise<void> {
  await writeFile(join(dir, 'settings.json'), typeof contents === 'string' ? contents : JSON.stringify(contents));
}

/** Secret values the tests set everywhere and then look for in every message. */
export const SECRETS = {
  MESH_PASSWORD: 'pw-hunter2-do-not-print',
  MESH_SHARED_KEY: 'sk-BackBone-do-not-print',
  MESH_KEY_PASSPHRASE: 'pp-open-sesame-do-not-print',
};

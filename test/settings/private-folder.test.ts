// The data folder holds patient records and secrets: no one but its owner may open it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConsoleRuntime } from '../../main/app/runtime';
import { FileKeyEncryptor } from '../../main/settings/file-encryptor';
import { ensurePrivateFolder } from '../../main/settings/private-folder';

const posix = process.platform !== 'win32';
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

test('the console makes a new data folder that only its owner can open', { skip: !posix && 'no mode bits on Windows' }, async () => {
  const parent = await mkdtemp(join(tmpdir(), 'mesh-console-private-'));
  const dataDir = join(parent, 'nested', 'data');
  try {
    const runtime = await ConsoleRuntime.open({ env: {}, dataDir, encryptor: FileKeyEncryptor.inDataDir(dataDir), seedDemoData: false });
    await runtime.close();
    assert.equal(await modeOf(dataDir), 0o700);
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
});

test('an existing data folder others can open is narrowed to its owner', { skip: !posix && 'no mode bits on Windows' }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-private-'));
  try {
    await chmod(dir, 0o755);
    await ensurePrivateFolder(dir);
    assert.equal(await modeOf(dir), 0o700);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test(
  'an open data folder of another user is refused with a sentence, and left as it was',
  { skip: !posix && 'no mode bits on Windows' },
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mesh-console-private-'));
    try {
      await mkdir(join(dir, 'shared'), { mode: 0o755 });
      await chmod(join(dir, 'shared'), 0o755);
      const someoneElse = (process.getuid?.() ?? 0) + 1;
      await assert.rejects(ensurePrivateFolder(join(dir, 'shared'), { uid: someoneElse }), (error: Error) => {
        assert.match(
          error.message,
          /^The data folder .*shared belongs to another user and others can open it, .*choose a folder of your own with MESH_DATA_DIR\.$/,
        );
        return true;
      });
      assert.equal(await modeOf(join(dir, 'shared')), 0o755);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
);

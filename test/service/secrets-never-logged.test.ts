// Secrets go in and are used, but never come out: not in the audit log, any file the console
// writes, what it prints, its events or its error sentences, even when MESH refuses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleEvent } from '../../preload/api';
import { startTestService } from './service-support';

const SECRETS = {
  password: 'pw-4c1d9e-never-shown',
  sharedKey: 'sk-77ab02-never-shown',
  privateKeyPassphrase: 'pp-e5f6a1-never-shown',
} as const;

/** Each secret as it is, and in the encodings a careless write would use. */
const FORMS = Object.values(SECRETS).flatMap((value) => [value, Buffer.from(value).toString('base64'), Buffer.from(value).toString('hex')]);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * What the console prints while `fn` runs: console.* and stderr. (stdout itself is left alone:
 * the test runner speaks to its parent process over it.)
 */
async function capturingOutput(fn: () => Promise<void>): Promise<string> {
  let printed = '';
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originalConsole = methods.map((method) => console[method]);
  const originalStderr = process.stderr.write;
  for (const method of methods) console[method] = (...args: unknown[]) => void (printed += `${args.map(String).join(' ')}\n`);
  process.stderr.write = ((chunk: unknown) => {
    printed += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    methods.forEach((method, i) => (console[method] = originalConsole[i]!));
    process.stderr.write = originalStderr;
  }
  return printed;
}

test('secrets set in the console appear in no log, file, output, event or error sentence, even when MESH refuses them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mesh-console-secrets-log-'));
  const dataDir = join(dir, 'data');
  const events: ConsoleEvent[] = [];
  const answers: unknown[] = [];
  try {
    const printed = await capturingOutput(async () => {
      const service = await startTestService(dataDir, { seedDemoData: false, startScheduler: false });
      service.subscribe((event) => events.push(event));
      try {
        for (const [name, value] of Object.entries(SECRETS)) answers.push(await service.setSecret(name as keyof typeof SECRETS, value));
        const refused = await service.validateMailbox();
        assert.equal(refused.ok, false, 'the local MESH server refuses the wrong password, so the secret reached the client');
        answers.push(refused, await service.testConnection(), await service.overview(), await service.settings(), await service.jobs());
        answers.push(await service.audit({}));
        answers.push(await service.runJob('handshake').catch((error: Error) => error.message));
        await service.clearSecret('sharedKey');
      } finally {
        await service.close();
      }
    });

    const audit = JSON.stringify(answers.at(-2));
    assert.match(audit, /secret set: password/, 'the audit log records that a secret was set');
    const places: [string, string][] = [
      ['console output', printed],
      ['events', JSON.stringify(events)],
      ['answers to the renderer', JSON.stringify(answers)],
    ];
    const files = await filesUnder(dataDir);
    assert.ok(files.some((file) => file.endsWith('audit.jsonl')) && files.some((file) => file.endsWith('secrets.json')));
    for (const file of files) places.push([file, (await readFile(file)).toString('latin1')]);
    for (const [where, text] of places) {
      for (const form of FORMS) assert.ok(!text.includes(form), `a secret (${form}) is in ${where}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

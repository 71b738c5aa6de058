// The packaged app's Electron fuses (electron-builder.yml): each hardening fuse set as Electron's
// security checklist asks, in a block electron-builder's own schema accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('the packaged app flips the fuses that close Node, debugging and loose app loading', () => {
  const config = parse(readFileSync(`${ROOT}electron-builder.yml`, 'utf8')) as { electronFuses?: Record<string, boolean> };
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
    loadBrowserProcessSpecificV8Snapshot: false,
  });
  // Every name is one electron-builder knows (a misspelt fuse would be ignored, not flipped).
  const require = createRequire(import.meta.url);
  const scheme = require('app-builder-lib/scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
  for (const name of Object.keys(config.electronFuses!)) assert.ok(name in scheme.definitions.FuseOptionsV1.properties, name);
});

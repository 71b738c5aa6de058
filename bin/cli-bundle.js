// Whether the bundled command line (scripts/build-cli.js) can run: only while it is newer than
// every file of ours it was built from and than the last npm install, so an edit or an upgrade is
// never hidden behind stale code. Any doubt (no bundle, a file or chunk gone) answers no, and the
// source runs. node_modules is covered by node_modules/.package-lock.json, which npm rewrites on
// every install, rather than file by file.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CLI_BUNDLE_FILE = 'mesh-console.mjs';
export const CLI_INPUTS_FILE = 'inputs.json';
/** The bundle's other files (its split chunks) are named `part-…`. */
export const CLI_CHUNK_PREFIX = 'part-';

/** The bundle's URL when it is fresh, else undefined. Paths in inputs.json are relative to `root`, chunks to `bundleDir`. */
export function freshCliBundle(bundleDir, root) {
  try {
    const bundle = join(bundleDir, CLI_BUNDLE_FILE);
    const builtAt = statSync(bundle).mtimeMs;
    const { inputs, chunks = [] } = JSON.parse(readFileSync(join(bundleDir, CLI_INPUTS_FILE), 'utf8'));
    for (const input of [...inputs, 'package-lock.json', 'node_modules/.package-lock.json']) {
      if (statSync(join(root, input)).mtimeMs > builtAt) return undefined;
    }
    for (const chunk of chunks) statSync(join(bundleDir, chunk));
    return pathToFileURL(bundle);
  } catch {
    return undefined;
  }
}

// The command line, started by bin/mesh-console.cjs. It runs the bundle `npm run build` leaves in dist/cli/ while that
// is up to date (bin/cli-bundle.js), and main/cli/main.ts through tsx otherwise, so no build step
// stands between `npm ci` and a working command line.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshCliBundle } from './cli-bundle.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = freshCliBundle(join(root, 'dist', 'cli'), root);
if (bundle) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../main/cli/main.ts');
}

// The options Node runs `mesh-console` with: those on the first line of bin/mesh-console.cjs
// (`#!/usr/bin/env -S node …`), so that the tests and the bench start it as a shell or npm's shim does.
import { readFileSync } from 'node:fs';

const BIN = new URL('./mesh-console.cjs', import.meta.url);

export function meshConsoleNodeOptions() {
  const firstLine = readFileSync(BIN, 'utf8').split('\n', 1)[0];
  const match = /^#!\/usr\/bin\/env -S node((?: --[a-z-]+)*)$/.exec(firstLine);
  if (!match) throw new Error(`bin/mesh-console.cjs does not start with "#!/usr/bin/env -S node [--options]": ${firstLine}`);
  return match[1].split(' ').filter(Boolean);
}

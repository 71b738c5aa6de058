// Sizes libuv's thread pool (gunzip, file writes, DNS lookups) for a command: as many threads as
// cores, at least 2 so two chunks of a download still inflate side by side, at most libuv's
// default of 4. On a 2-core machine, four pool threads waking in turn for every 256 KiB cost more
// than they gave (bench/README.md, "The thread pool"). A size set in the environment is kept.
// libuv sizes the pool once, when it is first used, and Node reads ES modules on it: this runs
// first, from a CommonJS entry (bin/mesh-console.cjs) or `node --require`.
'use strict';
const { availableParallelism } = require('node:os');

if (!process.env.UV_THREADPOOL_SIZE) {
  process.env.UV_THREADPOOL_SIZE = String(Math.min(4, Math.max(2, availableParallelism())));
}

#!/usr/bin/env -S node --use-openssl-ca
// The `mesh-console` command: sizes the thread pool before anything uses it (thread-pool.cjs),
// then runs the command line (cli-entry.js). CommonJS, because an ES module entry is itself read
// on the thread pool, which is then already started.
//
// Node runs it with `--use-openssl-ca` (the first line; npm's Windows shims pass it on too). Every NHS connection
// gives its CA bundle, and with its own list as the default store Node parses all of that list (about 140 CAs,
// 20-30 ms) at the first connection only to set it aside; OpenSSL's store costs nothing until used. Which CAs are
// trusted does not change: main/mesh/server-trust.ts. bin/node-options.js reads these options for the tests and the bench.
'use strict';
require('./thread-pool.cjs');

import('./cli-entry.js');

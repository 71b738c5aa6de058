#!/usr/bin/env node
// The `mesh-console` command: sizes the thread pool before anything uses it (thread-pool.cjs),
// then runs the command line (cli-entry.js). CommonJS, because an ES module entry is itself read
// on the thread pool, which is then already started.
'use strict';
require('./thread-pool.cjs');

import('./cli-entry.js');

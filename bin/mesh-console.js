#!/usr/bin/env node
// The `mesh-console` command: runs main/cli.ts through tsx, so no build step stands between
// `npm ci` and a working command line.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli.ts');

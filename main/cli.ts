// Entry point of `mesh-console` (bin/mesh-console.js runs this through tsx).
import { runCli } from './cli/program';

process.exitCode = await runCli(process.argv.slice(2));

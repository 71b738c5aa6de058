// Entry point of `mesh-console` (bin/mesh-console.js runs this through tsx).
import { runCli } from './program';

// A reader that stops early (`mesh-console records | head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2));

// Entry point of `mesh-console` (bin/mesh-console.cjs runs this through tsx).
import { failWritesPastFileSizeLimit } from '../files/file-size-limit';
import { runCli } from './program';
import { baselineWasmFromFirstConnection } from './wasm-baseline-only';

baselineWasmFromFirstConnection();

// A reader that stops early (`mesh-console records | head`) is not an error of ours. Any other
// failure to write the output (a full disk under `> file`) is one sentence, not a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(
    `mesh-console: The output could not be written (${error.code ?? error.message}): check there is space on the disk ` +
      `and the destination can be written to.\n`,
  );
  process.exit(1);
});

failWritesPastFileSizeLimit();

process.exitCode = await runCli(process.argv.slice(2));

// Runs a command as a process of its own and returns its wall time and what the kernel says it
// used (peak memory, CPU), through measure_process.py (wait4's rusage): the same measure for
// `mesh-console` and for the Python stand-in.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MB } from './units';

const run = promisify(execFile);
const MEASURE = fileURLToPath(new URL('./measure_process.py', import.meta.url));

export interface MeasuredProcess {
  wallMs: number;
  /** The process's maxRSS, in MB (10^6 bytes). */
  maxRssMb: number;
  cpuMs: number;
  stdout: string;
}

export async function measureProcess(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<MeasuredProcess> {
  const { stdout } = await run('python3', [MEASURE, command, ...args], { env, timeout: timeoutMs, maxBuffer: 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    code: number;
    wallMs: number;
    maxRssKiB: number;
    userMs: number;
    systemMs: number;
    stdout: string;
  };
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with code ${result.code}`);
  return {
    wallMs: result.wallMs,
    maxRssMb: (result.maxRssKiB * 1024) / MB,
    cpuMs: result.userMs + result.systemMs,
    stdout: result.stdout.trim(),
  };
}

/**
 * The Python interpreter itself, when python3 with requests is there (the measure and the stand-in need it). `python3`
 * on the PATH may be a launcher script (pyenv's shim runs `pyenv exec`, 60-90 ms more per start): the stand-in is
 * started by the interpreter's own path, as mesh-console is by node's, whatever PATH the bench runs with.
 */
export async function pythonInterpreter(): Promise<string | undefined> {
  try {
    const { stdout } = await run('python3', ['-c', 'import requests, sys; print(sys.executable)']);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

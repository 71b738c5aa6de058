// The results as a markdown table (printed, and written to bench/RESULTS.md).
import { cpus, loadavg } from 'node:os';
import { formatNumber, meets, median, targetText, type Figure } from './figures';

export interface ReportContext {
  startedAt: Date;
  finishedAt: Date;
  quick: boolean;
  /** The options given to `npm run bench`, as typed. */
  options?: string[];
  loadAtStart: number[];
  loadAtEnd: number[];
  serverMaxRssMb?: number;
  errors: string[];
}

export function resultsTable(figures: Figure[]): string {
  const lines = ['| Benchmark | Median | Runs | Target | Result | Load (1 min) |', '|---|---|---|---|---|---|'];
  for (const figure of figures) {
    const pass = meets(figure);
    const runs = figure.runs.map(formatNumber).join(', ');
    const loads = figure.loads.map((l) => l.toFixed(1)).join(', ');
    lines.push(
      `| ${figure.name} | **${formatNumber(median(figure.runs))} ${figure.unit}** | ${runs} | ${targetText(figure)} ` +
        `| ${pass === undefined ? 'info' : pass ? 'pass' : '**MISSED**'} | ${loads} |`,
    );
  }
  return lines.join('\n');
}

export function missedTargets(figures: Figure[]): Figure[] {
  return figures.filter((figure) => meets(figure) === false);
}

export function resultsMarkdown(figures: Figure[], context: ReportContext): string {
  const cpu = cpus();
  const minutes = ((context.finishedAt.getTime() - context.startedAt.getTime()) / 60_000).toFixed(1);
  const missed = missedTargets(figures);
  const notes = figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`);
  return [
    '# Benchmark results',
    '',
    `\`npm run bench${context.options?.length ? ` -- ${context.options.join(' ')}` : context.quick ? ' -- --quick' : ''}\`, ` +
      `${context.startedAt.toISOString()} (${minutes} min), ` +
      `Node ${process.version}, ` +
      `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}.`,
    `Load average (1, 5, 15 min) at the start ${context.loadAtStart.map((l) => l.toFixed(1)).join(', ')}, ` +
      `at the end ${context.loadAtEnd.map((l) => l.toFixed(1)).join(', ')}: with a load above the core count the ` +
      `figures are lower than on an idle machine.`,
    '',
    resultsTable(figures),
    '',
    missed.length
      ? `**Targets missed: ${missed.length}** (${missed.map((f) => f.name).join('; ')}).`
      : figures.some((f) => f.target)
        ? 'Every target met.'
        : '',
    context.errors.length
      ? `\n**Errors** (these runs gave no figure, or a wrong file):\n\n${context.errors.map((e) => `- ${e}`).join('\n')}`
      : '',
    '',
    '## Details',
    '',
    ...notes,
    ...(context.serverMaxRssMb !== undefined
      ? [`- The local MESH server (its own process, file store) peaked at ${context.serverMaxRssMb.toFixed(0)} MB maxRSS.`]
      : []),
    '',
    '## How it is measured',
    '',
    '- MB is 10^6 bytes everywhere (sizes, MB/s, memory). The median of the runs is compared with the target.',
    '- Each measured part runs in a child process of its own, bundled with esbuild and run by plain `node` as the ' +
      "built console is (tsx would add about 40 MB to every memory figure). Peak memory is the kernel's maxRSS for " +
      'that process over its whole life, so nothing between samples is missed; rss, V8 heap and buffers are also ' +
      'sampled every 20 ms.',
    '- MESH: the local MESH server runs in its own process (file store in a temp folder) over HTTPS with mutual ' +
      'TLS (a CA, server and client certificates made for the run). The transfer child validates both mailboxes ' +
      'first (opening the TLS connections), then times `MeshClient.send` X26ABC1 → X26ABC2 on TEST_WORKFLOW (gzip ' +
      'on, 20 MiB chunks: the defaults) from a file, then `MeshClient.download` to a file, then acknowledges. The ' +
      "downloaded file's SHA-256 is compared with the sent file's.",
    "- CPU time (user + system, all threads: gzip runs on libuv's thread pool) is taken for the client in each " +
      'phase and for the server between the same phase marks. On a loaded machine wall time exceeds CPU time; the ' +
      '"CPU-bound rate" (size ÷ the larger of client and server CPU time) is a rough ceiling for an idle machine, ' +
      'where client and server each have a core.',
    '- Payloads are made before the timing: the CSV is DPS-shaped rows (every field quoted, `|` between) from ' +
      '20,000 distinct demo records drawn in random order; it gzips to about 14 % of its size, as a real DPS file ' +
      'does. The random payload is CSPRNG bytes, which gzip cannot shrink.',
    '- Inbox screen: `test/gui/inbox-scroll.test.ts` run with `MESH_GUI_INBOX_MESSAGES=5000` in headless Chromium ' +
      "against the console's own local MESH server (not the server process above); the figures are the timings the " +
      'test prints. Frame times are the gaps between `requestAnimationFrame` callbacks during 150 wheel steps.',
    '- DPS: a 100,000-record import CSV (all four programmes, demo generator) is made beforehand. Per run, in a ' +
      'fresh data folder: the import child times `readRecordsFile` then `RecordsStore.applyImport` (which writes ' +
      'records.json); the CSV child opens the store (not timed) and times `unsentAdministered` + `writeDpsCsv` for ' +
      'each programme (together every administered record: about 97 % of the 100,000); the export child times ' +
      '`runExports` for every programme against the server process. Each sent file is downloaded as X26ABC2 and ' +
      'checked byte-identical to the CSV the export kept.',
    '',
    `Machine load is not controlled: other work on the machine lowers the figures. Current load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}.`,
    '',
  ].join('\n');
}

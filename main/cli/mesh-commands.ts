// The MESH commands: validate, inbox, count, show, get, ack, send, track, lookup.
import { confirmIrreversible } from './confirm';
import { acknowledgeQuestion, environmentName } from './questions';
import { Writable } from 'node:stream';
import { positiveInteger } from './options';
import type { Command } from 'commander';
import { inflationThread, plainText, type MessageMetadata, type Tracking } from '../mesh';
import { validateMailbox } from '../operations/handshake';
import { acknowledgeMessages, readOut, saveMessage, saveThenAcknowledge } from '../operations/save-message';
import { whereToSet } from './where-settings-are';
import { ReportedFailure, runMeshCommand, type CommandOptions } from './context';
import { UsageError } from './exit-codes';
import { formatBytes, table } from './output';
import { collectGarbagePromptly } from './prompt-garbage-collection';
import { stopBetweenChunksOnInterrupt } from './stop-between-chunks';
import type { Run } from './command-groups';

function metadataLines(m: MessageMetadata): string[] {
  const rows: [string, string | number | undefined][] = [
    ['Message id', m.messageId],
    ['Type', m.messageType],
    ['From', m.sender || '(central system mailbox)'],
    ['To', m.recipient],
    ['Workflow', m.workflowId],
    ['File name', m.fileName],
    ['Subject', m.subject],
    ['Local id', m.localId],
    ['Chunks', m.chunkCount],
    ['Content type', m.contentType],
    ['Received', m.lastModified],
    ['Status', m.statusSuccess],
    ['Status code', m.statusCode],
    ['Status', m.statusDescription],
    ['Linked message', m.linkedMessageId],
  ];
  return rows.filter(([, value]) => value !== undefined && value !== '').map(([label, value]) => `${label.padEnd(15)} ${value}`);
}

function trackingLines(t: Tracking): string[] {
  const rows: [string, string | number | boolean | undefined][] = [
    ['Message id', t.messageId],
    ['Status', t.status],
    ['Local id', t.localId],
    ['Workflow', t.workflowId],
    ['File name', t.fileName],
    ['Recipient', t.recipient],
    ['Uploaded', t.uploadTimestamp],
    ['Downloaded', t.downloadTimestamp],
    ['Expires', t.expiryTime],
    ['Status code', t.statusCode],
    ['Description', t.statusDescription ?? t.failureDiagnostic],
  ];
  return rows.filter(([, value]) => value !== undefined && value !== '').map(([label, value]) => `${label.padEnd(12)} ${value}`);
}

/**
 * Standard output as a download's destination. The download destroys its destination when it
 * fails; that must not reach process.stdout, whose error handler would turn it into a crash with
 * a stack trace: the failure is told once, as a sentence, by the command.
 */
function toStdout(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (process.stdout.write(chunk)) done();
      else process.stdout.once('drain', () => done());
    },
    final(done) {
      done();
    },
  });
}

/** What `get` says of a REPORT: what it is about and what to do with it. */
export function reportSentence(id: string, m: MessageMetadata): string {
  const what = [
    m.statusDescription && plainText(m.statusDescription),
    m.statusCode ? `code ${m.statusCode}` : undefined,
    m.linkedMessageId ? `about message ${plainText(m.linkedMessageId)}` : undefined,
  ].filter(Boolean);
  const about = what.length ? ` (${what.join(', ')})` : '';
  const safeId = plainText(id);
  return (
    `Message ${safeId} is a REPORT from MESH, not a file, so there is nothing to download${about}: ` +
    `read it with \`mesh-console show ${safeId}\`, then acknowledge it with \`mesh-console ack ${safeId}\`.`
  );
}

export function addMeshCommands(program: Command, run: Run): void {
  program
    .command('validate')
    .description('validate the mailbox (MESH handshake)')
    .option('--json', 'machine output')
    .action((options: CommandOptions) =>
      run(
        runMeshCommand(options, async (runtime, out) => {
          const stores = { jobs: await runtime.meshStores.jobs() };
          const result = await validateMailbox({ client: () => runtime.client(), settings: runtime.settings, stores });
          const where = result.errorSettings ? whereToSet(result.errorSettings) : undefined;
          if (!result.ok && !out.json) throw new Error(where ? `${result.error} ${where}` : result.error);
          out.result(result, () => [`Mailbox ${result.mailbox} is valid: MESH accepted the handshake.`]);
          if (!result.ok) throw new ReportedFailure(result.error);
        }),
      ),
    );

  program
    .command('inbox')
    .description('list message ids waiting in the inbox (first page, or --all)')
    .option('--all', 'every page')
    .option('--workflow <filter>', 'workflow filter: WF, !WF, WF*, *ACK*')
    .option('--json', 'machine output')
    .action((options: CommandOptions & { all?: boolean; workflow?: string }) =>
      run(
        runMeshCommand(options, async (runtime, out) => {
          const client = await runtime.client();
          const filter = options.workflow ? { workflowFilter: options.workflow } : {};
          // One shape for --json either way: { messageIds, approxCount?, next? } (next only for one page).
          if (options.all) {
            const messageIds = await client.inboxAll(filter);
            out.result({ messageIds }, () => messageIds);
            if (!out.json) out.note(`${messageIds.length} messages waiting.`);
          } else {
            const page = await client.inboxPage(filter);
            out.result(page, () => page.messageIds);
            if (!out.json && page.next) out.note('More messages wait: use --all to list every page.');
          }
        }),
      ),
    );

  program
    .command('count')
    .description('count the messages waiting in the inbox')
    .option('--json', 'machine output')
    .action((options: CommandOptions) =>
      run(
        runMeshCommand(options, async (runtime, out) => {
          const count = await (await runtime.client()).count();
          out.result({ count }, () => [String(count)]);
        }),
      ),
    );

  program
    .command('show <id>')
    .description("show a message's metadata (HEAD)")
    .option('--json', 'machine output')
    .action((id: string, options: CommandOptions) =>
      run(
        runMeshCommand(options, async (runtime, out) => {
          const metadata = await (await runtime.client()).metadata(id);
          out.result(metadata, () => metadataLines(metadata));
        }),
      ),
    );

  program
    .command('get <id>')
    .description('download a message (all chunks) to a file or stdout')
    .option('--out <file>', 'write here instead of stdout')
    .option('--ack', 'once the file is saved and flushed to the disk, acknowledge the message (needs --out)')
    .option('--json', 'machine output (needs --out)')
    .action((id: string, options: CommandOptions & { out?: string; ack?: boolean }) => {
      // A download into a file inflates on a thread of its own. Started now, the thread's start-up (about 30 ms) runs
      // while the settings are read and the connection is made, before --liftoff-only is set (wasm-baseline-only.ts)
      // rather than after the first request (bench/README.md, "V8 flags and Node's code cache").
      if (options.out) inflationThread();
      return run(
        runMeshCommand(options, async (runtime, out) => {
          if (options.json && !options.out)
            throw new UsageError('--json needs --out FILE: the message itself would otherwise go to stdout.');
          if (options.ack && !options.out)
            throw new UsageError('--ack needs --out FILE: a message is acknowledged only once it is saved in a file.');
          const onProgress = (done: number) => out.progress(`Downloading ${id}`, done, done);
          // A REPORT has no content: say what it is rather than write an empty file or nothing at all.
          const onMetadata = (metadata: MessageMetadata) => {
            if (metadata.messageType === 'REPORT') throw new Error(reportSentence(id, metadata));
          };
          const stopCollecting = collectGarbagePromptly();
          const saving = { client: () => runtime.client(), stores: runtime.meshStores };
          if (options.ack) {
            const { bytes, acknowledgement } = await saveThenAcknowledge(saving, id, options.out!, { onProgress, onMetadata }).finally(
              stopCollecting,
            );
            out.endProgress();
            const saved = `Saved ${formatBytes(bytes)} to ${options.out}`;
            const { ok, error } = acknowledgement;
            const result = { messageId: id, path: options.out, bytes, acknowledged: ok, ...(error ? { error } : {}) };
            out.result(result, () => [
              ok
                ? `${saved}; ${id} acknowledged.`
                : `${saved}, but ${id} was NOT acknowledged: ${error} Once that is put right, run \`mesh-console ack ${id}\`.`,
            ]);
            if (!ok) throw new ReportedFailure('not acknowledged');
            return;
          }
          if (options.out) {
            const { bytes } = await saveMessage(saving, id, options.out, { onProgress, onMetadata }).finally(stopCollecting);
            out.endProgress();
            out.result({ messageId: id, path: options.out, bytes }, () => [`Saved ${formatBytes(bytes)} to ${options.out}.`]);
            return;
          }
          await readOut(saving, id, toStdout(), { onProgress, onMetadata }).finally(stopCollecting);
          out.endProgress();
        }),
      );
    });

  program
    .command('ack <ids...>')
    .description('acknowledge messages (takes them off the inbox); asks first for more than one at a terminal')
    .option('--yes', 'do not ask, even at a terminal')
    .option('--json', 'machine output')
    .action((ids: string[], options: CommandOptions & { yes?: boolean }) =>
      run(
        runMeshCommand(options, async (runtime, out) => {
          if (ids.length > 1) {
            const { environment, baseUrl, mailbox } = runtime.settings;
            const question = acknowledgeQuestion(ids.length, mailbox, environmentName(environment, baseUrl));
            if (!(await confirmIrreversible(question, options))) {
              out.note('Nothing was acknowledged.');
              throw new ReportedFailure('not confirmed');
            }
          }
          const results = await acknowledgeMessages(await runtime.client(), ids);
          out.result(results, () =>
            results.map((r) => (r.ok ? `${r.messageId} acknowledged` : `${r.messageId} NOT acknowledged: ${r.error}`)),
          );
          if (results.some((r) => !r.ok)) throw new ReportedFailure('some messages were not acknowledged');
        }),
      ),
    );

  program
    .command('send <to> <file>')
    .description('send a file to a mailbox; prints the message id')
    .option('--workflow <id>', 'workflow id', 'TEST_WORKFLOW')
    .option('--subject <text>', 'subject')
    .option('--local-id <id>', 'your reference (default: one is made)')
    .option('--filename <name>', "file name MESH shows (default: the file's own)")
    .option('--chunk-size <bytes>', 'chunk size in bytes (default 20 MiB)')
    .option('--no-compress', 'never gzip (by default chunks are gzipped when a sample of the file shrinks)')
    .option('--json', 'machine output')
    .action(
      (
        to: string,
        file: string,
        options: CommandOptions & {
          workflow: string;
          subject?: string;
          localId?: string;
          filename?: string;
          chunkSize?: string;
          compress: boolean;
        },
      ) =>
        run(
          runMeshCommand(options, async (runtime, out) => {
            const chunkSizeBytes = options.chunkSize ? positiveInteger(options.chunkSize, '--chunk-size') : undefined;
            const { sendFile } = await import('../operations/send');
            const stopCollecting = collectGarbagePromptly();
            const interrupt = stopBetweenChunksOnInterrupt((line) => {
              out.endProgress();
              out.note(line);
            });
            const result = await sendFile(
              {
                client: () => runtime.client(),
                dataDir: runtime.dataDir,
                stores: { audit: runtime.meshStores.audit, sent: await runtime.meshStores.sent() },
              },
              {
                path: file,
                to,
                workflowId: options.workflow,
                compress: options.compress,
                ...(options.subject ? { subject: options.subject } : {}),
                ...(options.localId ? { localId: options.localId } : {}),
                ...(options.filename ? { fileName: options.filename } : {}),
                ...(chunkSizeBytes ? { chunkSizeBytes } : {}),
                signal: interrupt.signal,
                onProgress: (done, total) => out.progress(`Sending ${file}`, done, total),
              },
            ).finally(() => {
              stopCollecting();
              interrupt.dispose();
            });
            out.endProgress();
            if (!result.ok) {
              const where = result.errorSettings ? whereToSet(result.errorSettings) : undefined;
              if (where) result.error = `${result.error} ${where}`;
              throw new Error(
                result.outcomeUnknown
                  ? `${result.error} Its local id is ${result.localId}: check with \`mesh-console track --local-id ${result.localId}\`.`
                  : result.error,
              );
            }
            out.result(result, () => [result.messageId!]);
            if (interrupt.signal.aborted)
              out.note(`mesh-console: The last chunk had already gone: message ${result.messageId} was sent whole.`);
            if (result.warning) out.note(`mesh-console: ${result.warning}`);
          }),
        ),
    );

  program
    .command('track [id]')
    .description('track a sent message by message id, or --local-id')
    .option('--local-id <id>', 'track by your local id')
    .option('--json', 'machine output')
    .action((id: string | undefined, options: CommandOptions & { localId?: string }) =>
      run(
        runMeshCommand(options, async (runtime, out) => {
          if (!id === !options.localId) throw new UsageError('Give either a message id or --local-id, not both and not neither.');
          const client = await runtime.client();
          const tracking = id ? await client.trackByMessageId(id) : await client.trackByLocalId(options.localId!);
          out.result(tracking, () => trackingLines(tracking));
        }),
      ),
    );

  program
    .command('lookup <ods> <workflow>')
    .description('find the mailbox for an ODS code and workflow')
    .option('--json', 'machine output')
    .action((ods: string, workflow: string, options: CommandOptions) =>
      run(
        runMeshCommand(options, async (runtime, out) => {
          const matches = await (await runtime.client()).lookup(ods, workflow);
          out.result(matches, () =>
            matches.length
              ? table(
                  ['MAILBOX', 'NAME'],
                  matches.map((m) => [m.mailboxId, m.mailboxName]),
                )
              : [`No mailbox receives ${workflow} for ${ods}.`],
          );
        }),
      ),
    );
}

import type { Command } from '@commander-js/extra-typings';
import type { TransferJobSummary } from '../../../shared/contract/index.js';
import { resolveDataDir } from '../../platform/dataDir.js';
import { failWith } from '../../storage/toLakeError.js';
import { createTransferEngine } from '../../transfers/createTransferEngine.js';
import {
  cliJournalDir,
  listJobInfos,
  readJobInfo,
  removeJob,
  type CliJobInfo,
} from '../cliJobs.js';
import { withCredentialOptions } from '../commonOptions.js';
import { bytesText } from '../cpOutput.js';
import type { CliIo } from '../output.js';
import { UsageError } from '../usageError.js';

/** The journal's jobs of CLI job `id`, read without running them. */
async function journalJobs(dataDir: string, id: string): Promise<TransferJobSummary[]> {
  const engine = await createTransferEngine({
    journalDir: cliJournalDir(dataDir, id),
    resolveContainer: () => failWith('InvalidInput', 'Only read here.'),
    resumeOnStart: false,
  });
  const jobs = engine.list();
  await engine.close();
  return jobs;
}

/** One line of `jobs list`: id, start, state, bytes, what it copies. */
function jobLine(info: CliJobInfo, jobs: TransferJobSummary[]): string {
  const failed = jobs.some((j) => j.state.kind === 'failed' || j.filesFailed > 0);
  const done = jobs.reduce((n, j) => n + j.bytesDone, 0);
  const total = jobs.reduce((n, j) => n + (j.bytesTotal ?? 0), 0);
  const state = failed ? 'failed' : 'unfinished';
  return `${info.id}  ${info.startedAt}  ${state.padEnd(10)}  ${bytesText(done)} of ${total ? bytesText(total) : '?'} bytes  ${info.sources.join(' ')} → ${info.destination}`;
}

/** The `cp` arguments that run job `info` again (credentials are the caller's to add). */
export function resumeArguments(info: CliJobInfo): string[] {
  const o = info.options;
  return [
    'cp',
    ...info.sources,
    info.destination,
    '--overwrite',
    o.overwrite,
    ...(o.recursive ? ['--recursive'] : []),
    ...(o.blockSizeMiB ? ['--block-size', String(o.blockSizeMiB)] : []),
    ...(o.include?.length ? ['--include-pattern', o.include.join(';')] : []),
    ...(o.exclude?.length ? ['--exclude-pattern', o.exclude.join(';')] : []),
  ];
}

/**
 * `lakeshore jobs list|show|resume|clean` over the CLI's copy journals (azcopy `jobs`):
 * `run` runs a command line (resume runs `cp` again with the job's own arguments).
 */
export function registerJobs(
  program: Command,
  io: CliIo,
  run: (argv: string[]) => Promise<number>,
): void {
  const jobs = program
    .command('jobs')
    .summary('list, show, resume or clean copies that did not finish')
    .description(
      'Copies that were interrupted or failed keep a journal in the data folder until they finish. ' +
        'Running the same cp again resumes one; these commands show and manage them.',
    );
  jobs
    .command('list')
    .description('The unfinished and failed copies.')
    .option('--json', 'one JSON object per line')
    .action(async (options) => {
      const dataDir = resolveDataDir(io.env);
      const all = await listJobInfos(dataDir);
      if (all.length === 0 && !options.json) io.stdout('No unfinished copies.\n');
      for (const { id, info } of all) {
        if (!info) {
          io.stdout(`${id}  (unreadable: lakeshore jobs clean ${id})\n`);
          continue;
        }
        const summaries = await journalJobs(dataDir, id);
        io.stdout(
          options.json
            ? `${JSON.stringify({ ...info, jobs: summaries })}\n`
            : `${jobLine(info, summaries)}\n`,
        );
      }
    });
  jobs
    .command('show')
    .description('One copy: its arguments, options, each job and its failures.')
    .argument('<id>', 'job id from jobs list')
    .option('--json', 'one JSON object')
    .action(async (id, options) => {
      const dataDir = resolveDataDir(io.env);
      const info = await readJobInfo(dataDir, id);
      if (!info) return failWith('NotFound', `No job ${id}; lakeshore jobs list shows them.`);
      const summaries = await journalJobs(dataDir, id);
      if (options.json) {
        io.stdout(`${JSON.stringify({ ...info, jobs: summaries })}\n`);
        return;
      }
      io.stdout(`${jobLine(info, summaries)}\nOptions: ${JSON.stringify(info.options)}\n`);
      for (const j of summaries) {
        io.stdout(
          `  ${j.direction} ${j.kind} ${j.name}: ${j.state.kind}${j.state.kind === 'failed' ? ` (${j.state.error.code}: ${j.state.error.message})` : ''}; ${j.filesDone} done, ${j.filesFailed} failed\n`,
        );
        for (const f of j.failures)
          io.stdout(`    failed ${f.path}: ${f.error.code}: ${f.error.message}\n`);
      }
    });
  withCredentialOptions(
    jobs
      .command('resume')
      .description(
        'Run a copy again with its own arguments; pass the credentials again (none are kept).',
      )
      .argument('<id>', 'job id from jobs list'),
  ).action(async (id, options) => {
    const info = await readJobInfo(resolveDataDir(io.env), id);
    if (!info) return failWith('NotFound', `No job ${id}; lakeshore jobs list shows them.`);
    const code = await run([
      ...resumeArguments(info),
      ...(options.connectionString ? ['--connection-string', options.connectionString] : []),
      ...(options.sas ? ['--sas', options.sas] : []),
      ...(options.connection ? ['--connection', options.connection] : []),
    ]);
    if (code !== 0) throw new ResumeFailed(code);
  });
  jobs
    .command('clean')
    .description('Discard copies: their journals are removed (nothing in storage or on disk is).')
    .argument('[ids...]', 'job ids from jobs list')
    .option('--all', 'every job')
    .action(async (ids, options) => {
      const dataDir = resolveDataDir(io.env);
      if (ids.length === 0 && !options.all)
        throw new UsageError('jobs clean needs job ids, or --all.');
      const targets = options.all ? (await listJobInfos(dataDir)).map((j) => j.id) : ids;
      for (const id of targets) {
        if (!options.all && !(await readJobInfo(dataDir, id)))
          return failWith('NotFound', `No job ${id}; lakeshore jobs list shows them.`);
        await removeJob(dataDir, id);
        io.stdout(`Removed job ${id}\n`);
      }
    });
}

/** `jobs resume` ran a copy that exited `code` (it has printed its own error). */
export class ResumeFailed extends Error {
  constructor(readonly code: number) {
    super(`The resumed copy exited ${code}.`);
  }
}

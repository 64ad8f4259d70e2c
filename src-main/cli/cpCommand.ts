import type {
  ConflictPolicy,
  EnqueueDownloadArgs,
  EnqueueUploadArgs,
  Md5Check,
  TransferJobSummary,
} from '../../shared/contract/index.js';
import { resolveDataDir } from '../platform/dataDir.js';
import type { AccountAccess } from '../storage/accountAccess.js';
import { LakeFailure } from '../storage/toLakeError.js';
import { createTransferEngine, type TransferEngine } from '../transfers/createTransferEngine.js';
import {
  cliJournalDir,
  listJobInfos,
  optionDifferences,
  readJobInfo,
  removeJob,
  writeJobInfo,
  type CliJobInfo,
} from './cliJobs.js';
import type { CpPlan } from './cpPlan.js';
import {
  bytesText,
  notCopied,
  progressLine,
  summaryOf,
  summaryLine,
  writtenElsewhere,
} from './cpOutput.js';
import type { CliIo } from './output.js';
import { Interrupted, UsageError } from './usageError.js';

/** How `lakeshore cp` runs a local ⇄ remote copy through the transfer engine. */
export interface CpOptions {
  /** The engine's policy for existing targets (`ask` asks on a terminal, else skips). */
  conflict: ConflictPolicy;
  /** Preferred block size in bytes. */
  blockSizeBytes?: number;
  /** Ceiling of requests in flight. */
  concurrency?: number;
  include?: string[];
  exclude?: string[];
  /** Downloads: how each blob's Content-MD5 is checked. */
  checkMd5: Md5Check;
  /** Uploads: follow symbolic links instead of skipping them. */
  followSymlinks: boolean;
  /** A cap on bytes per second across all jobs. */
  capBytesPerSecond?: number;
  json: boolean;
  /** No progress and no summary; errors only. */
  quiet: boolean;
  /** Draw a progress line (stderr is a terminal). */
  tty: boolean;
}

const cliConnection = 'cli';

/** The engine's calls that queue `plan` (one per container for downloads). */
function enqueueCalls(
  plan: CpPlan,
  options: CpOptions,
): Array<{ upload: EnqueueUploadArgs } | { download: EnqueueDownloadArgs }> {
  const filters = {
    ...(options.include ? { include: options.include } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
  };
  const { target } = plan;
  if (target.side === 'remote') {
    return [
      {
        upload: {
          connectionId: cliConnection,
          container: target.location.container,
          remoteDirectory: target.directory,
          localPaths: plan.sources.flatMap((s) => (s.side === 'local' ? [s.path] : [])),
          ...(target.name ? { remoteName: target.name } : {}),
          ...(options.followSymlinks ? { followSymlinks: true } : {}),
          conflict: options.conflict,
          ...filters,
        },
      },
    ];
  }
  const byContainer = new Map<string, EnqueueDownloadArgs['remotePaths']>();
  for (const s of plan.sources) {
    if (s.side !== 'remote') continue;
    const list = byContainer.get(s.location.container) ?? [];
    list.push(s.ref);
    byContainer.set(s.location.container, list);
  }
  return [...byContainer].map(([container, remotePaths]) => ({
    download: {
      connectionId: cliConnection,
      container,
      remotePaths,
      localDirectory: target.directory,
      ...(target.name ? { localName: target.name } : {}),
      checkMd5: options.checkMd5,
      conflict: options.conflict,
      ...filters,
    },
  }));
}

/**
 * Waits until no job runs. A job waiting for a conflict answer counts as idle: with `ask` (a
 * terminal) the user answers for its batch, else nobody can and the batch is answered `skip`;
 * then the wait goes on.
 */
async function untilDoneAnsweringConflicts(
  engine: TransferEngine,
  ask: CliIo['ask'],
): Promise<void> {
  for (;;) {
    await engine.whenIdle();
    const waiting = new Map<string, TransferJobSummary>();
    for (const job of engine.list()) {
      if (job.state.kind === 'waiting') waiting.set(job.batchId, job);
    }
    if (waiting.size === 0) return;
    for (const job of waiting.values()) {
      if (job.state.kind !== 'waiting') continue;
      const c = job.state.conflict;
      const reply = ask
        ? await ask(
            `${c.path} exists (${c.existingSize === undefined ? '?' : bytesText(c.existingSize)} bytes${c.existingModified ? `, modified ${c.existingModified}` : ''}). Replace it? [y]es, [n]o, [a]ll, n[o]ne: `,
          )
        : 'o';
      const answer = /^[ya]/i.test(reply.trim()) ? 'overwrite' : 'skip';
      engine.resolveConflict({ jobId: job.id, answer, applyToAll: /^[ao]/i.test(reply.trim()) });
    }
  }
}

function throwFirstFailure(jobs: TransferJobSummary[]): void {
  for (const job of jobs) {
    if (job.state.kind === 'failed') {
      // A one-file job's error does not name its file.
      const { error } = job.state;
      const file = job.direction === 'upload' ? job.localPath : job.remotePath;
      throw new LakeFailure(
        job.kind === 'file' ? { ...error, message: `${file}: ${error.message}` } : error,
      );
    }
    const first = job.failures[0];
    if (first)
      throw new LakeFailure({
        ...first.error,
        message: `${job.filesFailed} file${job.filesFailed === 1 ? '' : 's'} failed; the first, ${first.path}: ${first.error.message}`,
      });
  }
}

/**
 * `lakeshore cp` between local paths and one account, through the app's transfer engine. The
 * journal lives in `<dataDir>/cli-transfers/<job id>` beside `job.json` (see `CliJobInfo`):
 * a copy that was killed, interrupted or failed is resumed when the same copy runs again with
 * the same options ("Resuming job … (N of M bytes already sent)"; only bytes sent in this run
 * are counted), and refused with the differences named when the options changed. The journal
 * is removed once the copy succeeds. Prints a progress line on a terminal and a summary;
 * `--json` prints one JSON object. Rejects with `Interrupted` on Ctrl-C (the job is kept),
 * `UsageError` for changed options, or the first failure.
 */
export async function cpCommand(
  plan: CpPlan,
  job: CliJobInfo,
  access: AccountAccess,
  options: CpOptions,
  io: CliIo,
): Promise<void> {
  const dataDir = resolveDataDir(io.env);
  const previous = await readJobInfo(dataDir, job.id);
  if (previous) {
    const changed = optionDifferences(previous.options, job.options);
    if (changed.length > 0)
      throw new UsageError(
        `An unfinished copy of these paths (job ${job.id}, started ${previous.startedAt}) used other options: ${changed.join(', ')}. ` +
          `Run it with its options to resume it, or \`lakeshore jobs clean ${job.id}\` to discard it and start over.`,
      );
  }
  if (!options.quiet && !options.json) {
    const others = (await listJobInfos(dataDir)).filter((j) => j.id !== job.id).length;
    if (others > 0)
      io.stderr(
        `Note: ${others} other unfinished cop${others === 1 ? 'y is' : 'ies are'} kept; \`lakeshore jobs list\` shows them.\n`,
      );
  }
  let drawing = options.tty && !options.quiet && !options.json;
  const engine = await createTransferEngine({
    journalDir: cliJournalDir(dataDir, job.id),
    resolveContainer: async (_connection, container) => access.container(container),
    resumeOnStart: true,
    ...(options.concurrency ? { maxConcurrency: options.concurrency } : {}),
    ...(options.blockSizeBytes ? { blockSizeBytes: options.blockSizeBytes } : {}),
    ...(options.capBytesPerSecond ? { capBytesPerSecond: options.capBytesPerSecond } : {}),
    onEvent: (event) => {
      if (drawing) io.stderr(`\r${progressLine(event.aggregate)}\x1b[K`);
    },
  });
  const started = Date.now();
  const resumed = engine.list();
  const alreadySent = resumed.reduce((n, j) => n + j.bytesDone - j.bytesSkipped, 0);
  let interrupted = false;
  let succeeded = false;
  try {
    if (resumed.length > 0) {
      const total = resumed.reduce((n, j) => n + (j.bytesTotal ?? 0), 0);
      // Staged blocks of a file in progress are counted once the service is asked (the summary).
      const known =
        alreadySent > 0 && total > 0
          ? ` (${bytesText(alreadySent)} of ${bytesText(total)} bytes already sent)`
          : '';
      if (!options.quiet)
        io.stderr(`Resuming job ${job.id} started ${previous?.startedAt ?? 'earlier'}${known}\n`);
      for (const j of resumed) {
        if (j.state.kind === 'failed' || j.state.kind === 'cancelled') engine.retry(j.id);
        else if (j.state.kind === 'paused') engine.resume(j.id);
      }
    } else {
      await writeJobInfo(dataDir, job);
      for (const call of enqueueCalls(plan, options)) {
        if ('upload' in call) await engine.enqueueUpload(call.upload);
        else await engine.enqueueDownload(call.download);
      }
    }
    const interruptedNow = new Promise<void>((resolve) => {
      io.onInterrupt?.(() => {
        interrupted = true;
        resolve();
      });
    });
    await Promise.race([untilDoneAnsweringConflicts(engine, io.ask), interruptedNow]);
    if (drawing) io.stderr('\r\x1b[K');
    drawing = false;
    const jobs = engine.list();
    if (interrupted) {
      const sent = jobs.reduce((n, j) => n + j.bytesDone - j.bytesSkipped, 0);
      throw new Interrupted(
        `Interrupted; job ${job.id} is kept (${bytesText(sent)} bytes sent). Run the same command again or \`lakeshore jobs resume ${job.id}\` to continue, \`lakeshore jobs clean ${job.id}\` to discard it.`,
      );
    }
    const summary = summaryOf(jobs, Date.now() - started);
    if (options.json) io.stdout(`${JSON.stringify({ job: job.id, ...summary, jobs })}\n`);
    else if (!options.quiet) {
      for (const line of writtenElsewhere(jobs)) io.stdout(`${line}\n`);
      for (const line of notCopied(jobs)) io.stderr(`${line}\n`);
      for (const folder of plan.skippedFolders)
        io.stderr(
          `Skipped folder ${folder}: add --recursive to copy folders a wildcard matches.\n`,
        );
      io.stdout(`${summaryLine(summary)}\n`);
    }
    throwFirstFailure(jobs);
    succeeded = true;
  } finally {
    drawing = false;
    const keep = interrupted || (!succeeded && engine.list().length > 0);
    await engine.close();
    if (!keep) await removeJob(dataDir, job.id);
    else if (!interrupted && !options.quiet)
      io.stderr(
        `The journal of job ${job.id} is kept: run the same command again to retry what failed, or \`lakeshore jobs clean ${job.id}\` to discard it.\n`,
      );
  }
}

import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ConflictPolicy, TransferJobSummary } from '../../shared/contract/index.js';
import { openAccount, pipelineOptions, type AccountCredential } from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith, LakeFailure } from '../storage/toLakeError.js';
import { createTransferEngine } from '../transfers/createTransferEngine.js';
import { progressLine, summaryLine } from './cpOutput.js';
import type { CliIo } from './output.js';

export interface CpOptions {
  recursive: boolean;
  conflict: ConflictPolicy;
  /** Preferred block size in bytes. */
  blockSizeBytes?: number;
  /** Ceiling of requests in flight. */
  concurrency?: number;
  json: boolean;
  /** Draw a progress line (stderr is a TTY). */
  tty: boolean;
}

const cliConnection = 'cli';

/**
 * `lakeshore cp`: local → remote (upload) or remote → local (download) through the same
 * transfer engine as the app, with its journal in a temporary folder. Prints a progress line
 * on a TTY and a summary (files, bytes, seconds, MiB/s) at the end; `--json` prints the jobs.
 * `ask` is answered `skip` (there is nobody to ask; the summary counts the skipped files). Rejects with `InvalidInput` for a
 * remote → remote copy or a folder without `--recursive`, or with the first failed job's error.
 */
export async function cpCommand(
  source: { local: string } | { remote: BlobLocation },
  target: { local: string } | { remote: BlobLocation },
  credential: AccountCredential,
  options: CpOptions,
  io: CliIo,
): Promise<void> {
  const remote =
    'remote' in source ? source.remote : 'remote' in target ? target.remote : undefined;
  if (!remote?.container)
    return failWith(
      'InvalidInput',
      'cp copies between a local path and a blob URL with a container.',
    );
  if ('remote' in source && 'remote' in target)
    return failWith(
      'InvalidInput',
      'Copying remote → remote is not supported yet; download then upload.',
    );
  const access = openAccount(credential, pipelineOptions.transfer);
  const journalDir = await mkdtemp(path.join(os.tmpdir(), 'lakeshore-cp-'));
  const engine = await createTransferEngine({
    journalDir,
    resolveContainer: async () => access.container(remote.container!),
    resumeOnStart: true,
    ...(options.concurrency ? { maxConcurrency: options.concurrency } : {}),
    ...(options.blockSizeBytes ? { blockSizeBytes: options.blockSizeBytes } : {}),
    onEvent: (event) => {
      for (const job of event.jobs) {
        if (job.state.kind === 'waiting')
          engine.resolveConflict({ jobId: job.id, answer: 'skip', applyToAll: true });
      }
      if (options.tty) io.stderr(`\r${progressLine(event.aggregate)}`);
    },
  });
  const started = Date.now();
  try {
    const conflict = options.conflict;
    if ('local' in source) {
      const info = await stat(source.local).catch(() =>
        failWith('NotFound', `No such local file or folder: ${source.local}`),
      );
      if (info.isDirectory() && !options.recursive)
        failWith('InvalidInput', `${source.local} is a folder: add --recursive.`);
      await engine.enqueueUpload({
        connectionId: cliConnection,
        container: remote.container,
        remoteDirectory: remote.path,
        localPaths: [path.resolve(source.local)],
        conflict,
      });
    } else {
      const isFile = await access
        .container(remote.container)
        .getBlobClient(remote.path)
        .exists()
        .catch(() => false);
      if (!isFile && !options.recursive)
        failWith(
          'InvalidInput',
          `${remote.path || remote.container} is a folder (or missing): add --recursive.`,
        );
      const local = (target as { local: string }).local;
      await engine.enqueueDownload({
        connectionId: cliConnection,
        container: remote.container,
        remotePaths: [{ path: remote.path, kind: isFile ? 'file' : 'directory' }],
        localDirectory: path.resolve(local),
        conflict,
      });
    }
    await engine.whenIdle();
    const jobs = engine.list();
    if (options.tty) io.stderr('\n');
    if (options.json) io.stdout(`${JSON.stringify(jobs)}\n`);
    io.stdout(`${summaryLine(jobs, Date.now() - started)}\n`);
    throwFirstFailure(jobs);
  } finally {
    await engine.close();
    await rm(journalDir, { recursive: true, force: true });
  }
}

function throwFirstFailure(jobs: TransferJobSummary[]): void {
  for (const job of jobs) {
    if (job.state.kind === 'failed') throw new LakeFailure(job.state.error);
    const first = job.failures[0];
    if (first)
      throw new LakeFailure({
        ...first.error,
        message: `${job.filesFailed} files failed; the first, ${first.path}: ${first.error.message}`,
      });
  }
}

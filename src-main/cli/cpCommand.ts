import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConflictPolicy, TransferJobSummary } from '../../shared/contract/index.js';
import { resolveDataDir } from '../platform/dataDir.js';
import {
  openAccount,
  pipelineOptions,
  type AccountAccess,
  type AccountCredential,
} from '../storage/accountAccess.js';
import type { BlobLocation } from '../storage/blobUrl.js';
import { failWith, LakeFailure } from '../storage/toLakeError.js';
import { createTransferEngine, type TransferEngine } from '../transfers/createTransferEngine.js';
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

type Endpoint = { local: string } | { remote: BlobLocation };

/**
 * The journal folder of one copy: `<dataDir>/cli-transfers/<hash>`, the hash naming the
 * direction and both ends (local paths resolved, URLs without their query, so a new SAS
 * still finds it). The same cp run again finds the same folder.
 */
export function cpJournalDir(dataDir: string, source: Endpoint, target: Endpoint): string {
  const end = (e: Endpoint) =>
    'local' in e
      ? `local:${path.resolve(e.local)}`
      : `remote:${e.remote.blobEndpoint}/${e.remote.container ?? ''}/${e.remote.path}`;
  const key = createHash('sha256')
    .update(JSON.stringify([end(source), end(target)]))
    .digest('hex')
    .slice(0, 32);
  return path.join(dataDir, 'cli-transfers', key);
}

/**
 * `lakeshore cp`: local → remote (upload) or remote → local (download) through the same
 * transfer engine as the app. Its journal lives in `cpJournalDir` under the data folder
 * (`LAKESHORE_DATA_DIR` or the per-user one), so a copy that was killed or failed resumes when
 * the same cp runs again: an unfinished job continues (finished files are not sent again, an
 * upload's staged blocks and a download's part file are reused), a failed one retries what
 * failed, both under the options of the first run. The journal is removed once the copy
 * succeeds (or when it failed before queuing a job). Prints a progress line on a TTY and a summary (files, bytes, seconds, MiB/s) at
 * the end; `--json` prints the jobs. `ask` is answered `skip` (there is nobody to ask; the
 * summary counts the skipped files). Rejects with `InvalidInput` for a remote → remote copy or
 * a folder without `--recursive`, or with the first failed job's error.
 */
export async function cpCommand(
  source: Endpoint,
  target: Endpoint,
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
  const journalDir = cpJournalDir(resolveDataDir(io.env), source, target);
  const engine = await createTransferEngine({
    journalDir,
    resolveContainer: async () => access.container(remote.container!),
    resumeOnStart: true,
    ...(options.concurrency ? { maxConcurrency: options.concurrency } : {}),
    ...(options.blockSizeBytes ? { blockSizeBytes: options.blockSizeBytes } : {}),
    ...(options.tty ? { onEvent: (event) => io.stderr(`\r${progressLine(event.aggregate)}`) } : {}),
  });
  const started = Date.now();
  let succeeded = false;
  try {
    const resumed = engine.list();
    for (const job of resumed) engine.retry(job.id);
    if (resumed.length === 0) {
      await enqueue(
        engine,
        source,
        target,
        { ...remote, container: remote.container },
        access,
        options,
      );
    }
    await untilDoneSkippingConflicts(engine);
    const jobs = engine.list();
    if (options.tty) io.stderr('\n');
    if (options.json) io.stdout(`${JSON.stringify(jobs)}\n`);
    io.stdout(`${summaryLine(jobs, Date.now() - started)}\n`);
    throwFirstFailure(jobs);
    succeeded = true;
  } finally {
    const keep = !succeeded && engine.list().length > 0;
    await engine.close();
    if (!keep) await rm(journalDir, { recursive: true, force: true });
  }
}

/**
 * Waits until no job runs. A job waiting for a conflict answer (policy `ask`, or a resumed job
 * that had it) counts as idle, and there is nobody to ask: each waiting batch is answered
 * `skip` for all its jobs, and the wait goes on.
 */
async function untilDoneSkippingConflicts(engine: TransferEngine): Promise<void> {
  for (;;) {
    await engine.whenIdle();
    const waiting = new Map<string, string>();
    for (const job of engine.list()) {
      if (job.state.kind === 'waiting') waiting.set(job.batchId, job.id);
    }
    if (waiting.size === 0) return;
    for (const jobId of waiting.values()) {
      engine.resolveConflict({ jobId, answer: 'skip', applyToAll: true });
    }
  }
}

/** Queues the copy's job, after checking its source. */
async function enqueue(
  engine: TransferEngine,
  source: Endpoint,
  target: Endpoint,
  remote: BlobLocation & { container: string },
  access: AccountAccess,
  options: CpOptions,
): Promise<void> {
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
    return;
  }
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
  await engine.enqueueDownload({
    connectionId: cliConnection,
    container: remote.container,
    remotePaths: [{ path: remote.path, kind: isFile ? 'file' : 'directory' }],
    localDirectory: path.resolve((target as { local: string }).local),
    conflict,
  });
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
        message: `${job.filesFailed} files failed; the first, ${first.path}: ${first.error.message}`,
      });
  }
}

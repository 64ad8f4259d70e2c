import type { ContainerClient } from '@azure/storage-blob';
import { setMaxListeners } from 'node:events';
import { rm } from 'node:fs/promises';
import { restoreArgsSchema, vacuumArgsSchema } from '../../shared/contract/deltaMaintenance.js';
import { convertArgsSchema, type EnqueueConvertArgs } from '../../shared/contract/query.js';
import {
  enqueueDownloadArgs,
  enqueueUploadArgs,
  resolveConflictArgs,
  type EnqueueDownloadArgs,
  type EnqueueUploadArgs,
  type ResolveConflictArgs,
  type JobSummary,
  type TransferJobSummary,
  type TransferProgressEvent,
} from '../../shared/contract/transfers.js';
import { createBlobTransport, type BlobTransport } from '../storage/blobTransport.js';
import { firstIssue, hasEnded } from '../../shared/contract/index.js';
import { failWith } from '../storage/toLakeError.js';
import { createAdaptiveLimiter } from './adaptiveLimiter.js';
import { createByteCap } from './byteCap.js';
import { createConflictDesk } from './conflicts.js';
import { ConvertJob, type ConvertRunner } from './convertJob.js';
import {
  DeltaJob,
  type DeltaRunner,
  type DeltaWork,
  type RestoreJobArgs,
  type VacuumJobArgs,
} from './deltaJob.js';
import { partSuffix } from './downloadFile.js';
import { createEventThrottle } from './eventThrottle.js';
import type { JobRecord } from './jobRecord.js';
import { downloadRecords, restoredRecord, uploadRecords } from './newJobs.js';
import { runJob, type RunDeps } from './runJob.js';
import { createJournal } from './journal.js';
import { defaultRetryPolicy, type RetryPolicy } from './retry.js';
import { TransferJob, type JobSink } from './transferJob.js';

/**
 * How the engine is set up; sizes in bytes, times in ms. `J` is the kind of job it reports:
 * uploads and downloads only, unless `convert` is given.
 */
export interface TransferEngineOptions<J extends JobSummary = TransferJobSummary> {
  /** Where the journal lives (the app's data folder, e.g. `<dataDir>/transfers`). */
  journalDir: string;
  /** The container client for a connection; may reject (AuthFailed, NotFound…), which fails the job. */
  resolveContainer(connectionId: string, container: string): Promise<ContainerClient>;
  /** How Get Blob and Put Blob reach a container; default `createBlobTransport` (tests wrap it to count or fail calls). */
  blobTransport?: (container: ContainerClient) => BlobTransport;
  /** The user's ceiling of requests in flight across all jobs; default 16. */
  maxConcurrency?: number;
  /** Where the adaptive limit starts; default min(8, ceiling): 8 blocks or ranges, or 32 small files' requests, in flight from the first request. */
  initialConcurrency?: number;
  /** The block and range size asked for, in bytes (see `TransferIo.blockSizeBytes`); without one, 8 MiB blocks up (raised per file past 50,000 blocks) and ranges sized by the blob down. */
  blockSizeBytes?: number;
  /** Progress and state changes, at most every `eventIntervalMs` (default 100 ms, so ≤ 10/s). */
  onEvent?(event: TransferProgressEvent<J>): void;
  eventIntervalMs?: number;
  /** Jobs unfinished in the journal restart at once (true) or come back paused (false). */
  resumeOnStart: boolean;
  /**
   * A ceiling on the bytes moved per second by all jobs together (block and range payloads, both
   * directions), a token bucket (`createByteCap`); absent or 0: none. For the CLI's `--cap-mbps`.
   * Throws `InvalidInput` (rejects) when negative or not finite.
   */
  capBytesPerSecond?: number;
  /** Per request; default 6 tries, 0.5 s base, 30 s cap. */
  retry?: Partial<RetryPolicy>;
  /**
   * Asked when a job fails with `AuthFailed`: the reason in words when its connection's
   * signed-in identity must sign in again, and the job then waits (paused, `waitingForSignIn`)
   * for `signedIn` instead of failing; undefined: it fails. Absent (the CLI): jobs fail.
   */
  signInNeeded?: RunDeps['signInNeeded'];
  /**
   * Runs a conversion job's DuckDB side (src-main/query); absent, `enqueueConvert` answers
   * `InvalidInput`. Conversion jobs are not journaled: one interrupted by a quit left nothing
   * under its target name and is not resumed.
   */
  convert?: ConvertRunner;
  /** Runs VACUUM and RESTORE jobs (src-main/delta); absent, their enqueue answers `InvalidInput`. Not journaled either. */
  delta?: DeltaRunner;
}

/**
 * The transfer queue (STYLE.md examples 6, 11, 12): uploads, downloads and conversions, each a
 * job with an id. Methods throw a `LakeFailure` (NotFound, InvalidInput). `J`: the jobs it
 * lists (see `TransferEngineOptions`).
 */
export interface TransferEngine<J extends JobSummary = TransferJobSummary> {
  /** One job per local path (file or folder), all in one batch. Resolves to the job ids. */
  enqueueUpload(args: EnqueueUploadArgs): Promise<string[]>;
  /** One job per remote path (blob or directory), all in one batch. Resolves to the job ids. */
  enqueueDownload(args: EnqueueDownloadArgs): Promise<string[]>;
  /**
   * One conversion job (`convertArgsSchema`), run at once: the source read through the engine,
   * DuckDB's COPY, the upload committed only when complete. Resolves to its id.
   */
  enqueueConvert(args: EnqueueConvertArgs): Promise<string[]>;
  /**
   * One VACUUM job (`vacuumArgsSchema`), run at once: it plans again when it starts (so a version
   * committed since the dry run keeps its files) and deletes file by file. Resolves to its id.
   */
  enqueueVacuum(args: VacuumJobArgs): Promise<string[]>;
  /** One RESTORE job (`restoreArgsSchema`), run at once: one conditional commit. Resolves to its id. */
  enqueueRestore(args: RestoreJobArgs): Promise<string[]>;
  /** Stops scheduling the job's requests; resolves once its requests in flight finished and the journal is written. */
  pause(jobId: string): Promise<void>;
  resume(jobId: string): void;
  /** Aborts the job: an upload or a conversion commits nothing, a download's part file is removed. Resolves when it stopped. */
  cancel(jobId: string): Promise<void>;
  /** Runs a failed or cancelled job again; files finished before are not transferred again. */
  retry(jobId: string): void;
  /** Forgets completed, failed, cancelled and skipped jobs; resolves to their ids. */
  clearFinished(): Promise<string[]>;
  /** Answers the conflict a job waits on. */
  resolveConflict(args: ResolveConflictArgs): void;
  /** Every job, oldest first. */
  list(): J[];
  /** Resolves when no job is queued or running (waiting for an answer and paused count as idle). */
  whenIdle(): Promise<void>;
  /** Stops all work without changing job states (they resume on the next start) and writes the journal. */
  close(): Promise<void>;
  /** An account signed in: the jobs waiting for a sign-in run again, finished files not sent again. */
  signedIn(): void;
}

const busy = new Set(['queued', 'running']);

function parsed<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: Parameters<typeof firstIssue>[0] };
  },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (!result.success) return failWith('InvalidInput', firstIssue(result.error));
  return result.data;
}

/** Creates the engine and loads the journal in `journalDir` (see `TransferEngineOptions`). */
export async function createTransferEngine(
  options: TransferEngineOptions & { convert?: undefined; delta?: undefined },
): Promise<TransferEngine>;
export async function createTransferEngine(
  options: TransferEngineOptions<JobSummary> &
    ({ convert: ConvertRunner } | { delta: DeltaRunner }),
): Promise<TransferEngine<JobSummary>>;
export async function createTransferEngine(
  options: TransferEngineOptions<JobSummary>,
): Promise<TransferEngine<JobSummary>> {
  const ceiling = Math.max(1, options.maxConcurrency ?? 16);
  const limiter = createAdaptiveLimiter({
    ceiling,
    initial: options.initialConcurrency ?? Math.min(8, ceiling),
  });
  const capRate = options.capBytesPerSecond ?? 0;
  if (!Number.isFinite(capRate) || capRate < 0) {
    failWith(
      'InvalidInput',
      `capBytesPerSecond must be a positive number of bytes, not ${capRate}.`,
    );
  }
  const maxRunningJobs = Math.max(4, ceiling * 2);
  const jobs = new Map<string, TransferJob>();
  const converts = new Map<string, ConvertJob | DeltaJob>();
  let closing = false;
  let idleWaiters: Array<() => void> = [];

  const events = createEventThrottle({
    intervalMs: options.eventIntervalMs ?? 100,
    summaries: (ids) =>
      ids.flatMap((id) => jobs.get(id)?.summary() ?? converts.get(id)?.summary() ?? []),
    allJobs: () => listAll(),
    limiter,
    ...(options.onEvent ? { emit: options.onEvent } : {}),
  });
  const journal = createJournal(options.journalDir, (id) => jobs.get(id)?.snapshot());

  const checkIdle = () => {
    if (idleWaiters.length === 0) return;
    if ([...jobs.values(), ...converts.values()].some((j) => busy.has(j.state.kind))) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((w) => w());
  };

  const sink: JobSink = {
    changed(job) {
      events.changed(job.id);
      journal.touch(job.id);
      checkIdle();
    },
    finished(job, key) {
      journal.finished(job.id, key);
      events.changed(job.id);
    },
  };
  const desk = createConflictDesk((batchId) =>
    [...jobs.values()].filter((j) => j.record.batchId === batchId),
  );

  const get = (id: string): TransferJob => {
    const job = jobs.get(id);
    if (job) return job;
    if (converts.has(id))
      failWith('InvalidInput', 'A conversion cannot pause or wait for an answer; cancel it.');
    return failWith('NotFound', `No transfer job ${id}.`);
  };
  // Oldest first; a stable sort keeps jobs enqueued in the same millisecond in order.
  const listAll = (): JobSummary[] =>
    [...jobs.values(), ...converts.values()]
      .map((j) => j.summary())
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let convertIds = 0;
  const enqueueDelta = (work: DeltaWork) => {
    if (!options.delta) failWith('InvalidInput', 'This transfer engine does not run Delta jobs.');
    const id = `${work.direction}-${Date.now().toString(36)}-${++convertIds}`;
    const job = new DeltaJob(id, work, (j) => events.changed(j.id));
    converts.set(id, job);
    events.changed(id);
    startConvert(job);
    return id;
  };
  const startConvert = (job: ConvertJob | DeltaJob) => {
    const { convert, delta } = options;
    const work =
      job instanceof ConvertJob
        ? convert && (() => job.run(convert, deps))
        : delta && (() => job.run(delta, deps));
    if (!work || closing) return;
    job.controller = new AbortController();
    setMaxListeners(0, job.controller.signal);
    job.setState({ kind: 'running' });
    job.runner = work().finally(() => {
      job.runner = undefined;
      checkIdle();
    });
  };

  const deps: RunDeps = {
    resolveContainer: options.resolveContainer,
    blobTransport: options.blobTransport ?? createBlobTransport,
    limiter,
    retry: { ...defaultRetryPolicy, ...options.retry },
    ...(options.blockSizeBytes ? { blockSizeBytes: options.blockSizeBytes } : {}),
    ...(capRate > 0 ? { cap: createByteCap(capRate) } : {}),
    fileConcurrency: Math.max(16, ceiling * 4),
    desk,
    closing: () => closing,
    ...(options.signInNeeded ? { signInNeeded: options.signInNeeded } : {}),
  };

  const pump = () => {
    if (closing) return;
    let running = [...jobs.values()].filter((j) => j.runner && j.state.kind === 'running').length;
    for (const job of jobs.values()) {
      if (running >= maxRunningJobs) break;
      if (job.state.kind !== 'queued' || job.runner) continue;
      running++;
      job.controller = new AbortController();
      // Every request, retry sleep and pause gate of the job listens to this one signal.
      setMaxListeners(0, job.controller.signal);
      job.unpause();
      job.setState({ kind: 'running' });
      job.runner = runJob(job, deps).finally(() => {
        job.runner = undefined;
        pump();
        checkIdle();
      });
    }
    checkIdle();
  };

  const add = (record: JobRecord, done = new Set<string>(), resumed = false) => {
    const job = new TransferJob(record, done, sink, resumed);
    jobs.set(job.id, job);
    sink.changed(job);
    return job;
  };

  const removePartFiles = async (job: TransferJob) => {
    for (const file of job.active.values()) {
      if (file.kind === 'download') await rm(`${file.target}${partSuffix}`, { force: true });
    }
    job.active.clear();
  };

  for (const { record, done } of await journal.load()) {
    add(restoredRecord(record, options.resumeOnStart), done, true);
  }
  pump();

  return {
    async enqueueUpload(raw) {
      const records = await uploadRecords(parsed(enqueueUploadArgs, raw));
      const ids = records.map((r) => add(r).id);
      pump();
      return ids;
    },
    async enqueueDownload(raw) {
      const ids = downloadRecords(parsed(enqueueDownloadArgs, raw)).map((r) => add(r).id);
      pump();
      return ids;
    },
    async enqueueConvert(raw) {
      const args = parsed(convertArgsSchema, raw);
      if (!options.convert) failWith('InvalidInput', 'This transfer engine does not convert.');
      const id = `convert-${Date.now().toString(36)}-${++convertIds}`;
      const job = new ConvertJob(id, id, args, (j, phaseChanged) =>
        phaseChanged ? events.changedNow(j.id) : events.changed(j.id),
      );
      converts.set(id, job);
      events.changed(id);
      startConvert(job);
      return [id];
    },
    async enqueueVacuum(raw) {
      return [enqueueDelta({ direction: 'vacuum', args: parsed(vacuumArgsSchema, raw) })];
    },
    async enqueueRestore(raw) {
      return [enqueueDelta({ direction: 'restore', args: parsed(restoreArgsSchema, raw) })];
    },
    async pause(jobId) {
      if (converts.has(jobId)) return;
      const job = get(jobId);
      if (!busy.has(job.state.kind) && job.state.kind !== 'waiting') return;
      job.paused = true;
      job.setState({ kind: 'paused' });
      await job.settled();
      await journal.flush();
      checkIdle();
    },
    resume(jobId) {
      if (converts.has(jobId)) return;
      const job = get(jobId);
      if (job.state.kind !== 'paused') return;
      job.unpause();
      const next = job.conflicts[0];
      if (!job.runner) job.setState({ kind: 'queued' });
      else job.setState(next ? { kind: 'waiting', conflict: next.info } : { kind: 'running' });
      pump();
    },
    async cancel(jobId) {
      const conversion = converts.get(jobId);
      if (conversion) {
        conversion.controller.abort();
        await conversion.runner;
        return;
      }
      const job = get(jobId);
      if (hasEnded(job.state.kind) && job.state.kind !== 'failed') return;
      if (job.runner) {
        job.controller.abort();
        await job.runner;
        return;
      }
      await removePartFiles(job);
      job.setState({ kind: 'cancelled' });
    },
    retry(jobId) {
      const conversion = converts.get(jobId);
      if (conversion) {
        const kind = conversion.state.kind;
        if ((kind !== 'failed' && kind !== 'cancelled') || conversion.runner) return;
        conversion.reset();
        startConvert(conversion);
        return;
      }
      const job = get(jobId);
      if (job.state.kind !== 'failed' && job.state.kind !== 'cancelled') return;
      job.record.failures = [];
      job.record.filesFailed = 0;
      job.setState({ kind: 'queued' });
      pump();
    },
    async clearFinished() {
      const cleared = [...jobs.values()].filter((j) => hasEnded(j.state.kind) && !j.runner);
      for (const job of cleared) {
        jobs.delete(job.id);
        events.removed(job.id);
        await journal.remove(job.id);
      }
      const ended = [...converts.values()].filter((j) => hasEnded(j.state.kind) && !j.runner);
      for (const job of ended) {
        converts.delete(job.id);
        events.removed(job.id);
      }
      return [...cleared, ...ended].map((j) => j.id);
    },
    resolveConflict(raw) {
      const args = parsed(resolveConflictArgs, raw);
      if (!desk.resolve(get(args.jobId), args.answer, args.applyToAll)) {
        failWith('InvalidInput', 'This job is not waiting for a conflict answer.');
      }
    },
    signedIn() {
      for (const job of jobs.values()) {
        if (job.state.kind !== 'paused' || !job.state.waitingForSignIn || job.runner) continue;
        job.record.failures = [];
        job.record.filesFailed = 0;
        job.setState({ kind: 'queued' });
      }
      pump();
    },
    list: listAll,
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    async close() {
      closing = true;
      const all = [...jobs.values(), ...converts.values()];
      const runners = all.flatMap((j) => (j.runner ? [j.runner] : []));
      for (const job of all) job.controller.abort();
      await Promise.allSettled(runners);
      events.close();
      await journal.flush();
    },
  };
}

import type { ContainerClient } from '@azure/storage-blob';
import type { LakeError } from '../../shared/contract/index.js';
import type { BlobTransport } from '../storage/blobTransport.js';
import { toLakeError } from '../storage/toLakeError.js';
import type { AdaptiveLimiter } from './adaptiveLimiter.js';
import type { ByteCap } from './byteCap.js';
import type { ConflictDesk } from './conflicts.js';
import { runDownloadJob } from './downloadJob.js';
import type { RetryPolicy } from './retry.js';
import { createTransferIo } from './transferIo.js';
import type { TransferJob } from './transferJob.js';
import { runUploadJob } from './uploadJob.js';

/** What running a job needs from the engine. */
export interface RunDeps {
  resolveContainer(connectionId: string, container: string): Promise<ContainerClient>;
  blobTransport(container: ContainerClient): BlobTransport;
  limiter: AdaptiveLimiter;
  retry: RetryPolicy;
  /** The block size the engine was asked for, if any (see `TransferIo.blockSizeBytes`). */
  blockSizeBytes?: number;
  /** The cap on bytes per second shared by all jobs, if any. */
  cap?: ByteCap;
  fileConcurrency: number;
  desk: ConflictDesk;
  /** True while the engine closes: the job stops without a state change, to resume next start. */
  closing(): boolean;
  /** Whether an `AuthFailed` of the connection is a sign-in to renew (the reason), so the job waits for it. */
  signInNeeded?: (connectionId: string, error: LakeError) => Promise<string | undefined>;
}

/**
 * Parks the job until its identity signs in again when `error` (AuthFailed) means its sign-in
 * can no longer be refreshed; false when it does not (the job then fails as before).
 */
async function waitsForSignIn(job: TransferJob, deps: RunDeps, error: LakeError | undefined) {
  if (error?.code !== 'AuthFailed' || !deps.signInNeeded) return false;
  const reason = await deps.signInNeeded(job.record.connectionId, error).catch(() => undefined);
  if (!reason) return false;
  job.setState({ kind: 'paused', waitingForSignIn: reason });
  return true;
}

/** The final state of a job whose files all ran: failed if any file failed, skipped for a skipped file job (its file skipped by the policy, or a link not followed), else completed. */
function settle(job: TransferJob): void {
  const r = job.record;
  const first = r.failures[0];
  if (r.filesFailed > 0 && first) {
    const error: LakeError =
      r.kind === 'file'
        ? first.error
        : {
            ...first.error,
            message: `${r.filesFailed} of ${r.filesTotal ?? '?'} files failed. First: ${first.path}: ${first.error.message}`,
          };
    job.setState({ kind: 'failed', error });
  } else if (r.kind === 'file' && r.filesDone === 0 && (r.entriesSkipped ?? 0) > 0) {
    const entry = r.skippedEntries?.[0];
    job.setState({ kind: 'skipped', reason: `${entry?.path}: ${entry?.reason}` });
  } else if (r.kind === 'file' && r.filesSkipped > 0) {
    job.setState({ kind: 'skipped', reason: 'The target exists; the conflict policy skipped it.' });
  } else {
    job.setState({ kind: 'completed' });
  }
}

/**
 * Runs `job` to its end and sets its final state: completed, skipped, failed (with the first
 * file's error, or the error that stopped the job), cancelled (aborted), or paused waiting for
 * a sign-in (an AuthFailed that `signInNeeded` explains). Never rejects.
 */
export async function runJob(job: TransferJob, deps: RunDeps): Promise<void> {
  try {
    const container = await deps.resolveContainer(job.record.connectionId, job.record.container);
    const io = createTransferIo({
      limiter: deps.limiter,
      retry: deps.retry,
      ...(deps.blockSizeBytes ? { blockSizeBytes: deps.blockSizeBytes } : {}),
      ...(deps.cap ? { cap: deps.cap } : {}),
      signal: job.controller.signal,
      gate: () => job.gate(),
      isPaused: () => job.paused,
      onInFlight: (d) => job.trackInFlight(d),
      onMoved: (b) => job.moved(b),
      keepPartial: deps.closing,
    });
    const env = {
      io,
      container,
      transport: deps.blobTransport(container),
      fileConcurrency: deps.fileConcurrency,
      decide: (info: Parameters<ConflictDesk['decide']>[1]) => deps.desk.decide(job, info),
      overwrites: () => deps.desk.overwrites(job),
    };
    await (job.record.direction === 'upload' ? runUploadJob : runDownloadJob)(job, env);
    if (deps.closing()) return;
    const authFailure = job.record.failures.find((f) => f.error.code === 'AuthFailed')?.error;
    if (!(await waitsForSignIn(job, deps, authFailure))) settle(job);
  } catch (e) {
    if (deps.closing()) return;
    const error = toLakeError(e);
    if (job.controller.signal.aborted || error.code === 'Cancelled') {
      job.active.clear();
      job.setState({ kind: 'cancelled' });
    } else if (!(await waitsForSignIn(job, deps, error))) {
      job.setState({ kind: 'failed', error });
    }
  }
}

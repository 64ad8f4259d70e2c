import type { ConflictAnswer, ConflictInfo } from '../../shared/contract/transfers.js';
import { LakeFailure } from '../storage/toLakeError.js';
import type { TransferJob } from './transferJob.js';

/** Decides conflicts: the job's policy, an `applyToAll` answer of its batch, or a question to the user. */
export interface ConflictDesk {
  /** The answer for `info` in `job`; with policy `ask` (and no batch answer) the job waits for `resolve`. Rejects with `Cancelled` if the job is aborted meanwhile. */
  decide(job: TransferJob, info: ConflictInfo): Promise<ConflictAnswer>;
  /** Whether `job` will overwrite without asking (so it need not look for conflicts). */
  overwrites(job: TransferJob): boolean;
  /** Answers the first conflict `job` waits on; with `applyToAll`, every conflict of its batch, now and later. Returns false when the job waits on none. */
  resolve(job: TransferJob, answer: ConflictAnswer, applyToAll: boolean): boolean;
}

/** Creates the desk; `jobsOfBatch` lists a batch's jobs. */
export function createConflictDesk(jobsOfBatch: (batchId: string) => TransferJob[]): ConflictDesk {
  const batchAnswers = new Map<string, ConflictAnswer>();
  const policyOf = (job: TransferJob) =>
    batchAnswers.get(job.record.batchId) ?? job.record.conflict;
  const showNext = (job: TransferJob) => {
    const next = job.conflicts[0];
    if (next) job.setState({ kind: 'waiting', conflict: next.info });
    else if (job.state.kind === 'waiting')
      job.setState(job.paused ? { kind: 'paused' } : { kind: 'running' });
  };
  return {
    overwrites: (job) => policyOf(job) === 'overwrite',
    decide(job, info) {
      const policy = policyOf(job);
      if (policy !== 'ask') return Promise.resolve(policy);
      return new Promise<ConflictAnswer>((resolve, reject) => {
        const signal = job.controller.signal;
        const onAbort = () => {
          const i = job.conflicts.indexOf(entry);
          if (i >= 0) job.conflicts.splice(i, 1);
          reject(new LakeFailure({ code: 'Cancelled', message: 'Cancelled.' }));
        };
        const entry = {
          info,
          answer: (a: ConflictAnswer) => {
            signal.removeEventListener('abort', onAbort);
            resolve(a);
          },
        };
        signal.addEventListener('abort', onAbort, { once: true });
        job.conflicts.push(entry);
        if (job.conflicts.length === 1) showNext(job);
      });
    },
    resolve(job, answer, applyToAll) {
      const first = job.conflicts.shift();
      if (!first) return false;
      first.answer(answer);
      if (applyToAll) {
        batchAnswers.set(job.record.batchId, answer);
        for (const other of jobsOfBatch(job.record.batchId)) {
          for (const pending of other.conflicts.splice(0)) pending.answer(answer);
          showNext(other);
        }
      }
      showNext(job);
      return true;
    },
  };
}

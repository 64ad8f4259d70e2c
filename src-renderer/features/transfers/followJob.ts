import { hasEnded, type JobSummary, type LakeClient } from '../../../shared/contract/index.js';
import { LakeCallError } from '../../api/lakeCallError.js';

/**
 * Starts a job of the Transfers panel with `start` (an enqueue call resolving to its ids) and
 * resolves with its summary once it ended completed, `onChange` told of each summary before;
 * rejects with a `LakeCallError` when it failed (its error) or was cancelled (`Cancelled`).
 * Listens to `transfers.progress` before starting, so no event of the job is missed.
 */
export async function followJob(
  client: LakeClient,
  start: () => Promise<string[]>,
  onChange: (job: JobSummary) => void = () => undefined,
): Promise<JobSummary> {
  const seen = new Map<string, JobSummary>();
  let settle: ((job: JobSummary) => void) | undefined;
  let wanted: string | undefined;
  const take = (job: JobSummary) => {
    seen.set(job.id, job);
    if (job.id !== wanted) return;
    onChange(job);
    if (hasEnded(job.state.kind)) settle?.(job);
  };
  const off = client.on('transfers.progress', (event) => event.jobs.forEach(take));
  try {
    const ended = new Promise<JobSummary>((resolve) => (settle = resolve));
    wanted = (await start())[0];
    const known = wanted === undefined ? undefined : seen.get(wanted);
    if (known) take(known);
    const job = await ended;
    if (job.state.kind === 'failed') throw new LakeCallError(job.state.error);
    if (job.state.kind === 'cancelled')
      throw new LakeCallError({ code: 'Cancelled', message: 'Cancelled.' });
    return job;
  } finally {
    off();
  }
}

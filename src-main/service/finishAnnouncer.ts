import {
  hasEnded,
  isFileTransfer,
  type ActivityEntry,
  type PathRewrite,
  type TransferJobSummary,
  type TransferProgressEvent,
} from '../../shared/contract/index.js';

const files = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'file' : 'files'}`;

/** Where a batch went: the blob or local path of a one-job batch, else the folder its jobs share. */
function destination(jobs: TransferJobSummary[]): string {
  const one = jobs.length === 1 ? jobs[0] : undefined;
  const first = jobs[0]!;
  if (first.direction === 'download') {
    return one ? one.localPath : first.localPath.replace(/[\\/][^\\/]*$/, '');
  }
  const blob = `${first.container}/${first.remotePath}`;
  return one ? blob : blob.slice(0, blob.lastIndexOf('/'));
}

/** A rewrite made because the target existed and the answer was Keep both (not a name made safe). */
const keptBoth = (r: PathRewrite): boolean => / existed$/.test(r.reason);

/** The notice for a batch whose jobs all finished, or undefined when every job was cancelled. */
function notice(jobs: TransferJobSummary[]): [ActivityEntry['level'], string] | undefined {
  const upload = jobs[0]!.direction === 'upload';
  const one = jobs.length === 1 ? jobs[0]! : undefined;
  const written = one && (upload ? one.remotePath : one.localPath).split(/[\\/]/).pop();
  const what = one
    ? one.kind === 'file' && written && written !== one.name
      ? `${one.name} as ${written}`
      : one.name
    : `${jobs.length} items`;
  const failed = jobs.filter((j) => j.state.kind === 'failed');
  const first = failed[0];
  if (first?.state.kind === 'failed') {
    const of =
      jobs.length === 1 ? '' : ` (${failed.length} of ${jobs.length} failed; first ${first.name})`;
    return [
      'error',
      `${upload ? 'Upload' : 'Download'} of ${what} failed${of}: ${first.state.error.message}`,
    ];
  }
  if (jobs.every((j) => j.state.kind === 'cancelled')) return undefined;
  const done = jobs.reduce((n, j) => n + j.filesDone, 0);
  const skipped = jobs.reduce((n, j) => n + j.filesSkipped, 0);
  const renamed = jobs.reduce((n, j) => n + j.rewrites.filter(keptBoth).length, 0);
  const counts = [
    files(done),
    ...(skipped > 0 ? [`${skipped.toLocaleString('en-US')} skipped`] : []),
    ...(renamed > 0 && one?.kind !== 'file'
      ? [`${renamed.toLocaleString('en-US')} kept under a new name`]
      : []),
  ];
  return [
    'info',
    `${upload ? 'Uploaded' : 'Downloaded'} ${what} (${counts.join(', ')}) to ${destination(jobs)}.`,
  ];
}

/**
 * The notice the status bar shows when a batch of transfers (the jobs of one upload or download
 * call) has finished: once per batch, when its last job completes, fails, is skipped or is
 * cancelled. "Uploaded 2 items (3 files) to samples/raw."; a batch with a failed job says so
 * with the first error; a batch that was only cancelled says nothing. Jobs are remembered from
 * every event, since an event carries only the jobs that changed.
 */
export function createFinishAnnouncer(
  activity: (level: ActivityEntry['level'], message: string) => void,
) {
  const batches = new Map<string, Map<string, TransferJobSummary>>();
  const announced = new Set<string>();
  return (event: TransferProgressEvent): void => {
    const changed = new Set<string>();
    for (const job of event.jobs.filter(isFileTransfer)) {
      if (announced.has(job.batchId)) continue;
      const batch = batches.get(job.batchId) ?? new Map<string, TransferJobSummary>();
      batch.set(job.id, job);
      batches.set(job.batchId, batch);
      changed.add(job.batchId);
    }
    for (const batchId of changed) {
      const jobs = [...batches.get(batchId)!.values()];
      if (!jobs.every((j) => hasEnded(j.state.kind))) continue;
      announced.add(batchId);
      batches.delete(batchId);
      const said = notice(jobs);
      if (said) activity(...said);
    }
  };
}

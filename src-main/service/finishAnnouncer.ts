import type { ActivityEntry, TransferProgressEvent } from '../../shared/contract/index.js';

/**
 * The notice the status bar shows when a transfer job finishes: once per job, when it completes
 * ("Downloaded orders.csv (1 files) to /home/u/Downloads/orders.csv.") or fails (with the error).
 */
export function createFinishAnnouncer(
  activity: (level: ActivityEntry['level'], message: string) => void,
) {
  const announced = new Set<string>();
  return (event: TransferProgressEvent): void => {
    for (const job of event.jobs) {
      if (announced.has(job.id)) continue;
      const state = job.state;
      if (state.kind === 'completed') {
        const where =
          job.direction === 'upload' ? `${job.container}/${job.remotePath}` : job.localPath;
        activity(
          'info',
          `${job.direction === 'upload' ? 'Uploaded' : 'Downloaded'} ${job.name} (${job.filesDone} files) to ${where}.`,
        );
      } else if (state.kind === 'failed') {
        activity(
          'error',
          `${job.direction === 'upload' ? 'Upload' : 'Download'} of ${job.name} failed: ${state.error.message}`,
        );
      } else {
        continue;
      }
      announced.add(job.id);
    }
  };
}

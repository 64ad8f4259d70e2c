import type { TransferJobSummary, TransferLimit } from '../../../shared/contract/index.js';
import { formatSize } from '../files/formatSize.js';

/** A duration for people: `45 s`, `3 min 20 s`, `2 h 5 min`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** `12.0 MiB of 1.0 GiB · 48.0 MiB/s · 20 s left`, with what is known. */
export function progressText(
  job: Pick<TransferJobSummary, 'bytesDone' | 'bytesTotal' | 'rateBytesPerSec' | 'etaMs'>,
): string {
  const parts = [
    job.bytesTotal !== undefined
      ? `${formatSize(job.bytesDone)} of ${formatSize(job.bytesTotal)}`
      : `${formatSize(job.bytesDone)} so far`,
  ];
  if (job.rateBytesPerSec > 0) parts.push(`${formatSize(job.rateBytesPerSec)}/s`);
  if (job.etaMs !== undefined && job.rateBytesPerSec > 0)
    parts.push(`${formatDuration(job.etaMs)} left`);
  return parts.join(' · ');
}

export const limitText: Record<TransferLimit, string> = {
  disk: 'limited by the local disk',
  network: 'limited by the network',
  throttling: 'the service is throttling',
  cpu: "limited by this computer's CPU",
  none: '',
};

/** The state as a word or phrase: `Queued`, `Running`, `Failed: <message>`… */
export function stateText(job: TransferJobSummary): string {
  const s = job.state;
  switch (s.kind) {
    case 'queued':
      return 'Queued';
    case 'running':
      return 'Running';
    case 'waiting':
      return 'Waiting for your answer';
    case 'paused':
      return 'Paused';
    case 'completed':
      return job.filesFailed > 0 ? `Completed, ${job.filesFailed} files failed` : 'Completed';
    case 'failed':
      return `Failed (${s.error.code}): ${s.error.message}`;
    case 'cancelled':
      return 'Cancelled';
    case 'skipped':
      return `Skipped: ${s.reason}`;
  }
}

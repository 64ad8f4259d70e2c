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
      return s.waitingForSignIn ? `Waiting for sign-in: ${s.waitingForSignIn}` : 'Paused';
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

/**
 * How far a job is, 0–1, from the same numbers its text shows: 1 when completed, undefined
 * (an indeterminate bar) while running with no total yet; an ended job that did not complete
 * keeps where it stopped.
 */
export function jobFraction(
  job: Pick<TransferJobSummary, 'bytesDone' | 'bytesTotal' | 'state'>,
): number | undefined {
  if (job.state.kind === 'completed' || job.state.kind === 'skipped') return 1;
  if (job.bytesTotal === undefined) return hasStopped(job.state.kind) ? 0 : undefined;
  return job.bytesTotal === 0 ? 0 : Math.min(1, job.bytesDone / job.bytesTotal);
}

const hasStopped = (kind: TransferJobSummary['state']['kind']) =>
  kind === 'failed' || kind === 'cancelled' || kind === 'paused';

/** The last segment of a local path or blob name. */
const lastSegment = (p: string) => p.split(/[\\/]/).pop() ?? p;

/**
 * The name a one-file job wrote when it is not the source's (kept under a new name: `hello (1).txt`),
 * else undefined.
 */
export function keptAs(job: TransferJobSummary): string | undefined {
  if (job.kind !== 'file') return undefined;
  const written = lastSegment(job.direction === 'download' ? job.localPath : job.remotePath);
  return written !== job.name ? written : undefined;
}

/** Files of a folder job written under a new name because the target existed (Keep both). */
export const keptBothCount = (job: TransferJobSummary): number =>
  job.rewrites.filter((r) => / existed$/.test(r.reason)).length;

const endWords: [TransferJobSummary['state']['kind'], string][] = [
  ['completed', 'completed'],
  ['skipped', 'skipped'],
  ['cancelled', 'cancelled'],
  ['failed', 'failed'],
];

/** Once nothing runs: what happened, `All finished · 2 completed, 1 cancelled`. */
export function finishedText(jobs: Pick<TransferJobSummary, 'state'>[]): string {
  const counts = endWords
    .map(([kind, word]) => [jobs.filter((j) => j.state.kind === kind).length, word] as const)
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${n.toLocaleString('en-US')} ${word}`);
  return counts.length > 0 ? `All finished · ${counts.join(', ')}` : 'All finished';
}

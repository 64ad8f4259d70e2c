import type { ConvertJobSummary } from '../../../shared/contract/index.js';
import { formatSize } from '../files/formatSize.js';

const count = (n: number) => n.toLocaleString('en-US');
const rowsText = (n: number) => `${count(n)} row${n === 1 ? '' : 's'}`;

/**
 * How far a conversion is, 0–1: reading, DuckDB converting and writing each count a third
 * (the source's bytes read, DuckDB's own estimate, the target's bytes written); 1 once completed.
 */
export function convertFraction(job: ConvertJobSummary): number {
  if (job.state.kind === 'completed') return 1;
  const read =
    job.bytesToRead > 0 ? job.bytesRead / job.bytesToRead : job.phase === 'reading' ? 0 : 1;
  const written = job.bytesToWrite ? job.bytesWritten / job.bytesToWrite : 0;
  return Math.min(1, (read + job.convertedFraction + written) / 3);
}

/**
 * What a conversion does or did, for its row in the Transfers panel: `Reading 1.0 MiB of
 * 3.0 MiB`, `Converting 40%`, `Writing 2.0 MiB of 4.0 MiB · 200 rows`, `Completed · 200 rows ·
 * 3.0 MiB → 1.2 MiB`, `Failed (InvalidInput): …`, `Cancelled; nothing was written`.
 */
export function convertText(job: ConvertJobSummary): string {
  const s = job.state;
  const rows = job.rowsWritten === undefined ? [] : [rowsText(job.rowsWritten)];
  const rejected = job.rowsRejected ? [`${rowsText(job.rowsRejected)} rejected`] : [];
  switch (s.kind) {
    case 'completed':
      return [
        'Completed',
        ...rows,
        ...rejected,
        `${formatSize(job.bytesToRead)} → ${formatSize(job.bytesToWrite ?? 0)}`,
      ].join(' · ');
    case 'failed':
      return `Failed (${s.error.code}): ${s.error.message}`;
    case 'cancelled':
      return 'Cancelled; nothing was written';
    case 'queued':
      return 'Queued';
    case 'skipped':
      return `Skipped: ${s.reason}`;
    case 'running':
    case 'waiting':
    case 'paused':
      break;
  }
  const rate = job.rateBytesPerSec > 0 ? [`${formatSize(job.rateBytesPerSec)}/s`] : [];
  switch (job.phase) {
    case 'reading':
      return [
        `Reading ${formatSize(job.bytesRead)} of ${formatSize(job.bytesToRead)}`,
        ...rate,
      ].join(' · ');
    case 'converting':
      return `Converting ${Math.floor(job.convertedFraction * 100)}%`;
    case 'writing':
      return [
        `Writing ${formatSize(job.bytesWritten)} of ${formatSize(job.bytesToWrite ?? 0)}`,
        ...rows,
        ...rejected,
        ...rate,
      ].join(' · ');
  }
}

import type { TransferAggregate, TransferJobSummary } from '../../shared/contract/index.js';

const MiB = 1024 * 1024;

/** One progress line for a TTY: `12.0 of 100.0 MiB  48.2 MiB/s  ETA 2 s`. */
export function progressLine(a: TransferAggregate): string {
  const eta =
    a.etaMs !== undefined && a.rateBytesPerSec > 0 ? `  ETA ${Math.ceil(a.etaMs / 1000)} s` : '';
  return `${(a.bytesDone / MiB).toFixed(1)} of ${(a.bytesTotal / MiB).toFixed(1)} MiB  ${(a.rateBytesPerSec / MiB).toFixed(1)} MiB/s${eta}   `;
}

/** The summary after a copy: `Copied 3 files (1,234 bytes) in 0.4 s, 0.0 MiB/s; 1 skipped, 0 failed`. */
export function summaryLine(jobs: TransferJobSummary[], elapsedMs: number): string {
  const files = jobs.reduce((n, j) => n + j.filesDone, 0);
  // Skipped files count as done (so progress reaches 100 %) but copied nothing.
  const bytes = jobs.reduce((n, j) => n + j.bytesDone - j.bytesSkipped, 0);
  const skipped = jobs.reduce((n, j) => n + j.filesSkipped, 0);
  const failed = jobs.reduce(
    (n, j) => n + Math.max(j.filesFailed, j.state.kind === 'failed' ? 1 : 0),
    0,
  );
  const seconds = elapsedMs / 1000;
  return `Copied ${files} files (${bytes.toLocaleString('en-US')} bytes) in ${seconds.toFixed(1)} s, ${(bytes / MiB / Math.max(seconds, 0.001)).toFixed(1)} MiB/s; ${skipped} skipped, ${failed} failed`;
}

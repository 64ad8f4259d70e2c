import type { TransferAggregate, TransferJobSummary } from '../../shared/contract/index.js';

const MiB = 1024 * 1024;

/** `n` with thousands separators: `1,234`. */
export const bytesText = (n: number): string => n.toLocaleString('en-US');

/** `1 file`, `2 files`. */
export const count = (n: number, word: string): string =>
  `${bytesText(n)} ${word}${n === 1 ? '' : 's'}`;

/** Bytes as MiB with one decimal, as progress lines write them: `12.0`. */
export const mibText = (bytes: number): string => (bytes / MiB).toFixed(1);

/** One progress line for a terminal: `12.0 of 100.0 MiB  48.2 MiB/s  ETA 2 s`. */
export function progressLine(a: TransferAggregate): string {
  const eta =
    a.etaMs !== undefined && a.rateBytesPerSec > 0 ? `  ETA ${Math.ceil(a.etaMs / 1000)} s` : '';
  return `${mibText(a.bytesDone)} of ${mibText(a.bytesTotal)} MiB  ${mibText(a.rateBytesPerSec)} MiB/s${eta}`;
}

/** What a copy did, counted over its jobs; bytes are those moved in this run. */
export interface CpSummary {
  files: number;
  /** Bytes moved by this run (not skipped, not sent by an earlier run of a resumed job). */
  bytes: number;
  /** Bytes an earlier run of a resumed job had already sent. */
  resumedBytes: number;
  skipped: number;
  failed: number;
  seconds: number;
}

/** Adds up `jobs`, `elapsedMs` long; bytes an earlier run of a resumed job had sent (`bytesResumed`) are counted apart. */
export function summaryOf(jobs: TransferJobSummary[], elapsedMs: number): CpSummary {
  const skipped = jobs.reduce((n, j) => n + j.filesSkipped, 0);
  const resumedBytes = jobs.reduce((n, j) => n + j.bytesResumed, 0);
  const moved = jobs.reduce((n, j) => n + j.bytesDone - j.bytesSkipped, 0);
  return {
    // A folder job counts skipped files as done (so progress reaches 100 %); they copied nothing.
    files: jobs.reduce((n, j) => n + Math.max(0, j.filesDone - j.filesSkipped), 0),
    bytes: Math.max(0, moved - resumedBytes),
    resumedBytes,
    skipped,
    failed: jobs.reduce(
      (n, j) => n + Math.max(j.filesFailed, j.state.kind === 'failed' ? 1 : 0),
      0,
    ),
    seconds: elapsedMs / 1000,
  };
}

/** `Copied 3 files (1,234 bytes) in 0.4 s, 0.0 MiB/s; 1 skipped, 0 failed`. */
export function summaryLine(s: CpSummary): string {
  const rate = s.bytes / MiB / Math.max(s.seconds, 0.001);
  const resumed = s.resumedBytes > 0 ? ` (${bytesText(s.resumedBytes)} bytes sent before)` : '';
  return `Copied ${count(s.files, 'file')} (${bytesText(s.bytes)} bytes${resumed}) in ${s.seconds.toFixed(1)} s, ${rate.toFixed(1)} MiB/s; ${s.skipped} skipped, ${s.failed} failed`;
}

/** One line per file written under another name than asked (the rename policy, a name made safe): `Wrote a (1).csv instead of a.csv: a file of that name existed`. */
export function writtenElsewhere(jobs: TransferJobSummary[]): string[] {
  return jobs.flatMap((j) =>
    j.rewrites.map((r) => `Wrote ${r.to} instead of ${r.from}: ${r.reason}`),
  );
}

/** One line per entry left out (a symbolic link not followed) and per file kept despite a problem (a Content-MD5 mismatch under LogOnly). */
export function notCopied(jobs: TransferJobSummary[]): string[] {
  return jobs.flatMap((j) => [
    ...j.skippedEntries.map((e) => `Skipped ${e.path}: ${e.reason}`),
    ...(j.entriesSkipped > j.skippedEntries.length
      ? [`… and ${j.entriesSkipped - j.skippedEntries.length} more entries skipped`]
      : []),
    ...j.warnings.map((w) => `Warning: ${w.path}: ${w.error.message}`),
  ]);
}

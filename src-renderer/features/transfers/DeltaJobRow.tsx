import { Caption1, ProgressBar, makeStyles } from '@fluentui/react-components';
import { DeleteRegular, HistoryRegular } from '@fluentui/react-icons';
import { memo } from 'react';
import type { DeltaJobSummary } from '../../../shared/contract/index.js';
import { formatSize } from '../files/formatSize.js';
import { CancelOrRetry } from './CancelOrRetry.js';
import { useJobRowStyles } from './jobGrid.js';

const useStyles = makeStyles({
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

const files = (n: number) => `${n.toLocaleString('en-US')} file${n === 1 ? '' : 's'}`;

/** What a VACUUM or RESTORE job does or did, for its row: `Deleting 3 of 10 files (1.0 MiB of 4.0 MiB)`, `Restored version 1 as version 4`… */
export function deltaText(job: DeltaJobSummary): string {
  const s = job.state;
  const vacuum = job.direction === 'vacuum';
  switch (s.kind) {
    case 'completed':
      return vacuum
        ? `VACUUM deleted ${files(job.vacuumed?.deleted ?? 0)} (${formatSize(job.vacuumed?.bytes ?? 0)})`
        : `Restored version ${job.restored?.version} as version ${job.restored?.commitVersion}`;
    case 'failed':
      return `Failed (${s.error.code}): ${s.error.message}`;
    case 'cancelled':
      return 'Cancelled';
    case 'queued':
      return 'Queued';
    default:
      if (!vacuum) return 'Restoring: writing the commit';
      if (job.filesTotal === undefined) return 'VACUUM: planning';
      return `Deleting ${job.filesDone.toLocaleString('en-US')} of ${files(job.filesTotal)} (${formatSize(job.bytesDone)} of ${formatSize(job.bytesTotal ?? 0)})`;
  }
}

/**
 * A Delta VACUUM or RESTORE job's row content (inside its list item, which `JobList` places):
 * the table's name, a bar over the files deleted (VACUUM) or the commit (RESTORE), what it does
 * now, and Cancel while it runs or Retry once it failed or was cancelled. Memoised like `JobRow`.
 */
export const DeltaJobRow = memo(function DeltaJobRow({ job }: { job: DeltaJobSummary }) {
  const styles = useStyles();
  const rows = useJobRowStyles();
  const kind = job.state.kind;
  const fraction =
    kind === 'completed'
      ? 1
      : job.filesTotal === undefined
        ? undefined
        : job.filesTotal === 0
          ? 0
          : job.filesDone / job.filesTotal;
  return (
    <div className={rows.row}>
      {job.direction === 'vacuum' ? <DeleteRegular aria-hidden /> : <HistoryRegular aria-hidden />}
      <span className={styles.name} title={`${job.table.container}/${job.table.directory}`}>
        {job.name}
      </span>
      <div>
        <ProgressBar value={fraction} thickness="large" aria-label={`Progress of ${job.name}`} />
        <Caption1>{deltaText(job)}</Caption1>
      </div>
      <CancelOrRetry job={job} />
    </div>
  );
});

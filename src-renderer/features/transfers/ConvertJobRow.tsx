import { Caption1, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSwapRegular } from '@fluentui/react-icons';
import { memo } from 'react';
import type { ConvertJobSummary } from '../../../shared/contract/index.js';
import { convertFraction, convertText } from './formatConvert.js';
import { CancelOrRetry } from './CancelOrRetry.js';
import { useJobRowStyles } from './jobGrid.js';

const useStyles = makeStyles({
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  // A line of its own under the detail.
  target: {
    display: 'block',
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

/**
 * A conversion job's row content (inside its list item, which `JobList` places): the source's
 * name, a bar over reading, converting and writing, what it does now (bytes, DuckDB's
 * percentage, rows), where it writes, and Cancel while it runs or Retry once it failed or was
 * cancelled (a conversion does not pause). Memoised like `JobRow`.
 */
export const ConvertJobRow = memo(function ConvertJobRow({ job }: { job: ConvertJobSummary }) {
  const styles = useStyles();
  const rows = useJobRowStyles();
  const kind = job.state.kind;
  const fraction = convertFraction(job);
  const to = `${job.target.container}/${job.target.path}`;
  return (
    <div className={rows.row}>
      <ArrowSwapRegular aria-hidden />
      <span className={styles.name} title={`${job.source.container}/${job.source.path} → ${to}`}>
        {job.name}
      </span>
      <div>
        <ProgressBar value={fraction} thickness="large" aria-label={`Progress of ${job.name}`} />
        <Caption1>
          {kind === 'running' ? `${Math.floor(fraction * 100)}% · ` : ''}
          {convertText(job)}
        </Caption1>
        <Caption1 className={styles.target} title={to}>
          {kind === 'completed' ? 'Wrote' : 'To'} {job.to === 'parquet' ? 'Parquet' : 'CSV'} {to}
        </Caption1>
      </div>
      <CancelOrRetry job={job} />
    </div>
  );
});

import { Button, Caption1, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import {
  ArrowDownloadRegular,
  ArrowUploadRegular,
  CopyRegular,
  FolderOpenRegular,
} from '@fluentui/react-icons';
import { memo, useState } from 'react';
import { hasEnded, type TransferJobSummary } from '../../../shared/contract/index.js';
import { useAppInfo, useClient } from '../../api/hooks.js';
import { ConflictPrompt } from './ConflictPrompt.js';
import { jobFraction, keptAs, keptBothCount, progressText, stateText } from './formatTransfer.js';
import { useJobRowStyles } from './jobGrid.js';

const useStyles = makeStyles({
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  target: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
    minWidth: 0,
  },
  targetPath: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS },
});

function JobControls({ job }: { job: TransferJobSummary }) {
  const client = useClient();
  const act = (
    call: 'transfers.pause' | 'transfers.resume' | 'transfers.cancel' | 'transfers.retry',
    label: string,
  ) => (
    <Button
      size="small"
      aria-label={`${label} ${job.name}`}
      onClick={() => void client.call(call, { jobId: job.id })}
    >
      {label}
    </Button>
  );
  const kind = job.state.kind;
  return (
    <div className={useStyles().actions}>
      {(kind === 'running' || kind === 'queued') && act('transfers.pause', 'Pause')}
      {kind === 'paused' && act('transfers.resume', 'Resume')}
      {(kind === 'running' || kind === 'queued' || kind === 'paused' || kind === 'waiting') &&
        act('transfers.cancel', 'Cancel')}
      {(kind === 'failed' || kind === 'cancelled') && act('transfers.retry', 'Retry')}
    </div>
  );
}

/**
 * Where a download writes, with a button to copy the path and, once it finished in the desktop
 * app, "Show in folder" (the OS file manager with it selected; a browser cannot open folders,
 * so browser mode says where it is and offers the copy).
 */
function DownloadTarget({ job }: { job: TransferJobSummary }) {
  const styles = useStyles();
  const client = useClient();
  const info = useAppInfo();
  const [copied, setCopied] = useState(false);
  const done = job.state.kind === 'completed';
  return (
    <div className={styles.target}>
      <Caption1 className={styles.targetPath} title={job.localPath}>
        {done ? 'Saved to' : 'To'} {job.localPath}
      </Caption1>
      <Button
        size="small"
        appearance="subtle"
        icon={<CopyRegular aria-hidden />}
        aria-label={`Copy the path of ${job.name}`}
        onClick={() =>
          void navigator.clipboard.writeText(job.localPath).then(() => setCopied(true))
        }
      >
        {copied ? 'Copied' : 'Copy path'}
      </Button>
      {done && info.data?.canShowInFolder && (
        <Button
          size="small"
          appearance="subtle"
          icon={<FolderOpenRegular aria-hidden />}
          aria-label={`Show ${job.name} in its folder`}
          onClick={() => void client.call('transfers.showInFolder', { jobId: job.id })}
        >
          Show in folder
        </Button>
      )}
    </div>
  );
}

/**
 * A transfer job's row content (inside its list item, which `JobList` places): direction,
 * name, progress bar and detail, where a download writes, its controls, and the conflict
 * question while it waits. Memoised: the queue keeps an unchanged job's summary object, so only
 * the rows of jobs an event changed render again.
 */
export const JobRow = memo(function JobRow({ job }: { job: TransferJobSummary }) {
  const styles = useStyles();
  const rows = useJobRowStyles();
  const fraction = jobFraction(job);
  const renamedAs = keptAs(job);
  const keptBoth = keptBothCount(job);
  const madeSafe = job.rewrites.length - keptBoth;
  // The percentage and the bar come from the same fraction, so they cannot disagree.
  const detail = [
    stateText(job),
    ...(fraction !== undefined && !hasEnded(job.state.kind)
      ? [`${Math.floor(fraction * 100)}%`]
      : []),
    progressText(job),
    ...(job.filesTotal !== undefined && job.kind === 'folder'
      ? [`${job.filesDone} of ${job.filesTotal} files`]
      : []),
    ...(renamedAs ? [`kept as ${renamedAs}`] : []),
    ...(job.kind === 'folder' && keptBoth > 0 ? [`${keptBoth} kept under a new name`] : []),
    ...(madeSafe > 0 ? [`${madeSafe} names made safe`] : []),
  ];
  return (
    <>
      <div className={rows.row}>
        {job.direction === 'upload' ? (
          <ArrowUploadRegular aria-hidden />
        ) : (
          <ArrowDownloadRegular aria-hidden />
        )}
        <span
          className={styles.name}
          title={`${job.localPath} ⇄ ${job.container}/${job.remotePath}`}
        >
          {job.name}
        </span>
        <div>
          <ProgressBar value={fraction} thickness="large" aria-label={`Progress of ${job.name}`} />
          <Caption1>{detail.join(' · ')}</Caption1>
          {job.direction === 'download' && <DownloadTarget job={job} />}
        </div>
        <JobControls job={job} />
      </div>
      {job.state.kind === 'waiting' && (
        <ConflictPrompt jobId={job.id} conflict={job.state.conflict} />
      )}
    </>
  );
});

import {
  Badge,
  Button,
  Caption1,
  ProgressBar,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowDownloadRegular,
  ArrowUploadRegular,
  ChevronDownRegular,
  ChevronUpRegular,
  CopyRegular,
  FolderOpenRegular,
} from '@fluentui/react-icons';
import { useState } from 'react';
import { hasEnded, type TransferJobSummary } from '../../../shared/contract/index.js';
import { useAppInfo, useClient } from '../../api/hooks.js';
import { isFinished, useOperations } from '../pathOps/useOperations.js';
import { ConflictPrompt } from './ConflictPrompt.js';
import {
  finishedText,
  jobFraction,
  keptAs,
  keptBothCount,
  limitText,
  progressText,
  stateText,
} from './formatTransfer.js';
import { useJobRowStyles } from './jobGrid.js';
import { OperationsList } from './OperationsList.js';
import { StagingList } from './StagingList.js';
import { stagingUploads } from './stagingUploads.js';
import type { TransfersState } from './useTransfers.js';

const useStyles = makeStyles({
  root: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    flexShrink: 0,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  summary: {
    flexGrow: 1,
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  // Never taller than this: the list scrolls, the window's content keeps its room.
  body: { maxHeight: 'min(30vh, 260px)', overflowY: 'auto' },
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

function JobRow({ job }: { job: TransferJobSummary }) {
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
    <li aria-label={`${job.direction === 'upload' ? 'Upload' : 'Download'} ${job.name}`}>
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
    </li>
  );
}

/**
 * The Transfers region: path operations (deletes, moves…), browser-mode drops still being sent
 * to main, and every transfer job with progress and controls, the total, and "Clear finished"
 * (for all three).
 */
export function TransfersPanel({ transfers }: { transfers: TransfersState }) {
  const styles = useStyles();
  const rows = useJobRowStyles();
  const client = useClient();
  const operations = useOperations();
  const [open, setOpen] = useState(true);
  const { jobs, aggregate, staging } = transfers;
  if (jobs.length === 0 && operations.operations.length === 0 && staging.length === 0) return null;
  const sending = staging.filter(
    (i) => i.state.kind === 'sending' || i.state.kind === 'starting',
  ).length;
  // Jobs' totals, unless only drops being sent are unfinished (they would read "0 bytes of 0 bytes").
  const totals = aggregate && (sending === 0 || aggregate.active > 0) ? aggregate : undefined;
  const active =
    (aggregate?.active ??
      jobs.filter((j) => ['queued', 'running', 'waiting'].includes(j.state.kind)).length) +
    operations.operations.filter((o) => !isFinished(o)).length +
    sending;
  // The aggregate covers unfinished jobs only (paused ones too): once there are none it would
  // read "0 bytes of 0 bytes", so the line says they all finished instead.
  const allFinished = active === 0 && !jobs.some((j) => j.state.kind === 'paused');
  return (
    <section className={styles.root} aria-label="Transfers">
      <div className={styles.head}>
        <Subtitle2>Transfers</Subtitle2>
        <Badge appearance="filled" aria-label={`${active} active`}>
          {active}
        </Badge>
        <Caption1 aria-live="polite" className={styles.summary}>
          {allFinished ? finishedText(jobs) : ''}
          {!allFinished && totals ? progressText(totals) : ''}
          {!allFinished && totals && limitText[totals.limitedBy]
            ? ` · ${limitText[totals.limitedBy]}`
            : ''}
          {!allFinished && sending > 0
            ? `${totals ? ' · ' : ''}${sending.toLocaleString('en-US')} being sent to Lakeshore`
            : ''}
        </Caption1>
        <Button
          size="small"
          appearance="subtle"
          onClick={() => {
            operations.clearFinished();
            stagingUploads.clearFinished();
            void client.call('transfers.clearFinished', {});
          }}
        >
          Clear finished
        </Button>
        <Button
          size="small"
          appearance="subtle"
          icon={open ? <ChevronDownRegular aria-hidden /> : <ChevronUpRegular aria-hidden />}
          aria-label={open ? 'Collapse Transfers' : 'Expand Transfers'}
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        />
      </div>
      {open && (
        <div className={styles.body} role="group" aria-label="Transfer list" tabIndex={0}>
          <OperationsList />
          <StagingList items={staging} />
          <ul className={rows.list}>
            {jobs.map((job) => (
              <JobRow key={job.id} job={job} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

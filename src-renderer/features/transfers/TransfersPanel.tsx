import {
  Badge,
  Button,
  Caption1,
  ProgressBar,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowUploadRegular } from '@fluentui/react-icons';
import type { TransferJobSummary } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { isFinished, useOperations } from '../pathOps/useOperations.js';
import { ConflictPrompt } from './ConflictPrompt.js';
import { limitText, progressText, stateText } from './formatTransfer.js';
import { OperationsList } from './OperationsList.js';
import type { TransfersState } from './useTransfers.js';

const useStyles = makeStyles({
  root: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    maxHeight: '30vh',
    overflow: 'auto',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  job: {
    display: 'grid',
    gridTemplateColumns: '20px minmax(160px, 1fr) 2fr auto',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXXS} 0`,
  },
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

function JobRow({ job }: { job: TransferJobSummary }) {
  const styles = useStyles();
  const fraction = job.bytesTotal ? job.bytesDone / job.bytesTotal : undefined;
  return (
    <li aria-label={`${job.direction === 'upload' ? 'Upload' : 'Download'} ${job.name}`}>
      <div className={styles.job}>
        {job.direction === 'upload' ? (
          <ArrowUploadRegular aria-hidden />
        ) : (
          <ArrowDownloadRegular aria-hidden />
        )}
        <span title={`${job.localPath} ⇄ ${job.container}/${job.remotePath}`}>{job.name}</span>
        <div>
          <ProgressBar
            value={job.state.kind === 'completed' ? 1 : fraction}
            thickness="large"
            aria-label={`Progress of ${job.name}`}
          />
          <Caption1>
            {stateText(job)} · {progressText(job)}
            {job.filesTotal !== undefined && job.kind === 'folder'
              ? ` · ${job.filesDone} of ${job.filesTotal} files`
              : ''}
            {job.rewrites.length > 0 ? ` · ${job.rewrites.length} names made safe` : ''}
          </Caption1>
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
 * The Transfers region: path operations (deletes, moves…) and every transfer job with progress
 * and controls, the total, and "Clear finished" (for both).
 */
export function TransfersPanel({ transfers }: { transfers: TransfersState }) {
  const styles = useStyles();
  const client = useClient();
  const operations = useOperations();
  const { jobs, aggregate } = transfers;
  if (jobs.length === 0 && operations.operations.length === 0) return null;
  const active =
    (aggregate?.active ??
      jobs.filter((j) => ['queued', 'running', 'waiting'].includes(j.state.kind)).length) +
    operations.operations.filter((o) => !isFinished(o)).length;
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
        <Caption1 aria-live="polite">
          {allFinished ? 'All finished' : ''}
          {!allFinished && aggregate ? progressText(aggregate) : ''}
          {!allFinished && aggregate && limitText[aggregate.limitedBy]
            ? ` · ${limitText[aggregate.limitedBy]}`
            : ''}
        </Caption1>
        <Button
          size="small"
          appearance="subtle"
          onClick={() => {
            operations.clearFinished();
            void client.call('transfers.clearFinished', {});
          }}
        >
          Clear finished
        </Button>
      </div>
      <OperationsList />
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}

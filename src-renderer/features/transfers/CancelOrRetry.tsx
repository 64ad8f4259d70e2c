import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { JobSummary } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS },
});

/**
 * The buttons of a job that does not pause (a conversion, VACUUM, RESTORE): Cancel while it is
 * queued or running, Retry once it failed or was cancelled, each named with the job ("Cancel
 * sales.csv") and calling `transfers.cancel` or `transfers.retry` with its id.
 */
export function CancelOrRetry({ job }: { job: Pick<JobSummary, 'id' | 'name' | 'state'> }) {
  const styles = useStyles();
  const client = useClient();
  const kind = job.state.kind;
  const act = (call: 'transfers.cancel' | 'transfers.retry', label: string) => (
    <Button
      size="small"
      aria-label={`${label} ${job.name}`}
      onClick={() => void client.call(call, { jobId: job.id })}
    >
      {label}
    </Button>
  );
  return (
    <div className={styles.actions}>
      {(kind === 'running' || kind === 'queued') && act('transfers.cancel', 'Cancel')}
      {(kind === 'failed' || kind === 'cancelled') && act('transfers.retry', 'Retry')}
    </div>
  );
}

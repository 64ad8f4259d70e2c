import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  defaultVacuumRetentionHours,
  type VacuumPlanSummary,
} from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { formatSize } from '../files/formatSize.js';
import { followJob } from '../transfers/followJob.js';
import { useQueryFormStyles } from './queryFormStyles.js';
import type { QueryTarget } from './queryTable.js';

const useStyles = makeStyles({
  surface: { width: 'min(820px, 94vw)', maxWidth: 'none' },
  alignEnd: { alignItems: 'end' },
  files: {
    margin: 0,
    maxHeight: '10em',
    overflowY: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
});

/** Files of a dry run listed at most. */
const shownFiles = 200;

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy'; what: string }
  | { kind: 'done'; message: string }
  | { kind: 'failed'; message: string };

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * "Delta maintenance…" of the query dialog on a Delta table: VACUUM with a retention (7 days by
 * default) as a dry run first (the files, their bytes, the versions time travel loses), then
 * deleted; a retention under 7 days needs the versions lost accepted. RESTORE to a version as
 * the next commit. Main plans again at each step, so what is deleted is what no version within
 * the retention references at that moment. Mounted while open.
 */
export function DeltaMaintenanceDialog({
  target,
  onClose,
}: {
  target: QueryTarget;
  onClose: () => void;
}) {
  const styles = useStyles();
  const layout = useQueryFormStyles();
  const row = mergeClasses(layout.row, styles.alignEnd);
  const client = useClient();
  const [retention, setRetention] = useState(String(defaultVacuumRetentionHours));
  const [plan, setPlan] = useState<VacuumPlanSummary>();
  const [accept, setAccept] = useState(false);
  const [version, setVersion] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const hours = Number(retention);
  const retentionOk = retention.trim() !== '' && Number.isFinite(hours) && hours >= 0;
  const versionOk = /^\d+$/.test(version.trim());
  const table = {
    connectionId: target.connectionId,
    container: target.container,
    directory: target.path.replace(/\/+$/, ''),
  };
  const busy = outcome.kind === 'busy';
  const short = plan !== undefined && plan.retentionHours < defaultVacuumRetentionHours;

  const run = async (what: string, work: () => Promise<string>) => {
    setOutcome({ kind: 'busy', what });
    try {
      setOutcome({ kind: 'done', message: await work() });
    } catch (e) {
      setOutcome({ kind: 'failed', message: errorText(e) });
    }
  };
  const dryRun = () =>
    run('Planning VACUUM…', async () => {
      setPlan(undefined);
      setAccept(false);
      const p = unwrap(await client.call('delta.planVacuum', { ...table, retentionHours: hours }));
      setPlan(p);
      return `Dry run: ${p.files.length} file${p.files.length === 1 ? '' : 's'} (${formatSize(p.bytes)}) no version within ${p.retentionHours} hours references would be deleted.`;
    });
  // VACUUM and RESTORE run as jobs of the Transfers panel; the dialog follows them to their end.
  const vacuum = () =>
    run('Vacuuming (a job in Transfers)…', async () => {
      const job = await followJob(
        client,
        async () =>
          unwrap(
            await client.call('transfers.enqueueVacuum', {
              ...table,
              retentionHours: plan!.retentionHours,
              acceptVersionsLost: accept,
            }),
          ).jobIds,
      );
      const r =
        job.direction === 'vacuum' && job.vacuumed ? job.vacuumed : { deleted: 0, bytes: 0 };
      setPlan(undefined);
      return `VACUUM deleted ${r.deleted} file${r.deleted === 1 ? '' : 's'} (${formatSize(r.bytes)}).`;
    });
  const restore = () =>
    run('Restoring (a job in Transfers)…', async () => {
      const job = await followJob(
        client,
        async () =>
          unwrap(
            await client.call('transfers.enqueueRestore', { ...table, version: Number(version) }),
          ).jobIds,
      );
      if (job.direction !== 'restore' || !job.restored) throw new Error('RESTORE wrote nothing.');
      const r = job.restored;
      setPlan(undefined);
      return `Restored to version ${r.version} as version ${r.commitVersion}: ${r.filesRemoved} file${r.filesRemoved === 1 ? '' : 's'} removed, ${r.filesAdded} added back.`;
    });

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface className={styles.surface} aria-label="Delta maintenance">
        <DialogBody>
          <DialogTitle>
            Delta maintenance · {target.container}/{table.directory}
          </DialogTitle>
          <DialogContent className={mergeClasses(layout.content, layout.scrolling)}>
            <Subtitle2>VACUUM</Subtitle2>
            <div className={row}>
              <Field
                label="Retention (hours)"
                validationMessage={retentionOk ? undefined : 'A number of hours, 0 or more'}
              >
                <Input
                  value={retention}
                  inputMode="numeric"
                  onChange={(_, d) => {
                    setRetention(d.value);
                    setPlan(undefined);
                  }}
                />
              </Field>
              <Button disabled={!retentionOk || busy} onClick={() => void dryRun()}>
                Dry run
              </Button>
              <Button
                appearance="primary"
                disabled={
                  !plan ||
                  plan.files.length === 0 ||
                  busy ||
                  (short && plan.versionsLost.length > 0 && !accept)
                }
                onClick={() => void vacuum()}
              >
                Delete {plan ? `${plan.files.length} files` : 'files'}
              </Button>
            </div>
            {plan && plan.files.length > 0 && (
              <pre className={styles.files} aria-label="Files VACUUM would delete">
                {plan.files
                  .slice(0, shownFiles)
                  .map((f) => `${formatSize(f.size).padStart(10)}  ${f.name}`)
                  .join('\n')}
                {plan.files.length > shownFiles
                  ? `\n… and ${plan.files.length - shownFiles} more`
                  : ''}
              </pre>
            )}
            {short && plan.versionsLost.length > 0 && (
              <Checkbox
                checked={accept}
                onChange={(_, d) => setAccept(d.checked === true)}
                label={`The retention is under the Delta default of 7 days: time travel to version${plan.versionsLost.length === 1 ? '' : 's'} ${plan.versionsLost.join(', ')} may no longer read. Vacuum anyway.`}
              />
            )}
            <Subtitle2>RESTORE</Subtitle2>
            <div className={row}>
              <Field label="Version to restore">
                <Input
                  value={version}
                  inputMode="numeric"
                  onChange={(_, d) => setVersion(d.value)}
                />
              </Field>
              <Button disabled={!versionOk || busy} onClick={() => void restore()}>
                Restore
              </Button>
            </div>
            {outcome.kind === 'busy' && <Spinner size="tiny" label={outcome.what} />}
            {outcome.kind === 'done' && (
              <MessageBar intent="success" role="status">
                <MessageBarBody>{outcome.message}</MessageBarBody>
              </MessageBar>
            )}
            {outcome.kind === 'failed' && (
              <MessageBar intent="error" role="alert" layout="multiline">
                <MessageBarBody>{outcome.message}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button disabled={busy} onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

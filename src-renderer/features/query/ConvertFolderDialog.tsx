import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type {
  ConvertFolderPlan,
  InspectConversionResult,
  JobSummary,
} from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { ConvertFields } from './ConvertFields.js';
import {
  convertArgsOf,
  convertFormProblem,
  initialConvertForm,
  targetFormatOf,
  type ConvertForm,
} from './convertForm.js';
import { failureOf, FailureBar } from './FailureBar.js';
import type { QueryTarget } from './queryTable.js';
import { useQueryFormStyles } from './queryFormStyles.js';

const useStyles = makeStyles({
  surface: { width: 'min(900px, 94vw)', maxWidth: 'none' },
  skipped: {
    whiteSpace: 'pre-wrap',
    margin: 0,
    maxHeight: '8em',
    overflowY: 'auto',
    fontFamily: tokens.fontFamilyMonospace,
  },
});

type Planned = { plan: ConvertFolderPlan; inspected: InspectConversionResult };
type Step =
  | { kind: 'planning' }
  | ({ kind: 'ready' } & Planned)
  | ({ kind: 'started'; jobIds: string[] } & Planned)
  | { kind: 'failed'; planned: Planned | undefined; message: string; cancelled: boolean };

const ended = (j: JobSummary) => ['completed', 'failed', 'cancelled'].includes(j.state.kind);

/**
 * "Convert…" on a folder: lists what `transfers.enqueueConvertFolder` would convert (a dry run:
 * to Parquet, or to CSV when the folder holds only Parquet), shows the schema DuckDB infers for
 * the first file, confirmed once for the files of its format, and the skipped blobs with their
 * reasons; Convert enqueues one job per file into the target folder, counted here as they end
 * (each one's progress is in the Transfers panel; closing leaves them running). Mounted while open.
 */
export function ConvertFolderDialog({
  target,
  onClose,
}: {
  target: QueryTarget;
  onClose: () => void;
}) {
  const styles = useStyles();
  const layout = useQueryFormStyles();
  const client = useClient();
  const [step, setStep] = useState<Step>({ kind: 'planning' });
  const [form, setForm] = useState<ConvertForm>();
  const [jobs, setJobs] = useState(new Map<string, JobSummary>());
  const inspectId = useRef(crypto.randomUUID());
  const folder = { connectionId: target.connectionId, container: target.container };

  useEffect(
    () =>
      client.on('transfers.progress', (event) =>
        setJobs((known) => {
          const next = new Map(known);
          for (const job of event.jobs) if (job.direction === 'convert') next.set(job.id, job);
          return next;
        }),
      ),
    [client],
  );

  useEffect(() => {
    let live = true;
    const queryId = inspectId.current;
    const dryRun = async (to: 'parquet' | 'csv') =>
      unwrap(
        await client.call('transfers.enqueueConvertFolder', {
          source: { ...folder, path: target.path },
          target: { ...folder, path: `${target.path}-${to}` },
          to,
          dryRun: true,
        }),
      );
    void (async () => {
      try {
        const plan = await dryRun('parquet').catch(() => dryRun('csv'));
        const first = plan.files[0]!.sourcePath;
        const inspected = unwrap(
          await client.call('query.inspectConversion', { queryId, ...folder, path: first }),
        );
        if (!live) return;
        const to = targetFormatOf(inspected.sourceFormat);
        setForm({
          ...initialConvertForm({ ...target, path: first }, inspected),
          path: `${target.path}-${to}`,
        });
        setStep({ kind: 'ready', plan, inspected });
      } catch (e) {
        if (live) setStep({ kind: 'failed', planned: undefined, ...failureOf(e) });
      }
    })();
    return () => {
      live = false;
      void client.call('query.cancel', { queryId });
    };
    // `folder` is made of `target`'s fields.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, target]);

  const planned =
    step.kind === 'ready' || step.kind === 'started'
      ? { plan: step.plan, inspected: step.inspected }
      : step.kind === 'failed'
        ? step.planned
        : undefined;
  const problem = form ? convertFormProblem(form) : undefined;
  const set = (part: Partial<ConvertForm>) => setForm((f) => f && { ...f, ...part });

  const convert = async () => {
    if (step.kind !== 'ready' || !form || problem) return;
    const { plan, inspected } = step;
    try {
      const { jobIds } = unwrap(
        await client.call(
          'transfers.enqueueConvertFolder',
          convertArgsOf(target, inspected, form, { wholeSchema: true }),
        ),
      );
      setStep({ kind: 'started', plan, inspected, jobIds });
    } catch (e) {
      setStep({ kind: 'failed', planned: { plan, inspected }, ...failureOf(e) });
    }
  };

  const mine = step.kind === 'started' ? step.jobIds.map((id) => jobs.get(id)) : [];
  const count = (kind: string) => mine.filter((j) => j?.state.kind === kind).length;
  const allEnded = mine.length > 0 && mine.every((j) => j && ended(j));
  const to = planned && targetFormatOf(planned.inspected.sourceFormat);

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={styles.surface} aria-label="Convert folder">
        <DialogBody>
          <DialogTitle>
            Convert the folder {target.container}/{target.path}
            {to ? ` to ${to === 'parquet' ? 'Parquet' : 'CSV'}` : ''}
          </DialogTitle>
          <DialogContent className={mergeClasses(layout.content, layout.scrolling)}>
            {step.kind === 'planning' && (
              <Spinner size="tiny" label="Listing the folder and inferring a schema…" />
            )}
            {planned && (
              <Body1 role="status">
                {planned.plan.files.length} file{planned.plan.files.length === 1 ? '' : 's'} to
                convert, each to its path under the target folder
                {planned.plan.skipped.length > 0
                  ? `; ${planned.plan.skipped.length} skipped:`
                  : '.'}
              </Body1>
            )}
            {planned && planned.plan.skipped.length > 0 && (
              <pre className={styles.skipped} aria-label="Skipped">
                {planned.plan.skipped.map((s) => `${s.path}: ${s.reason}`).join('\n')}
              </pre>
            )}
            {planned && form && step.kind === 'ready' && (
              <ConvertFields
                inspected={planned.inspected}
                form={form}
                set={set}
                problem={problem}
                from={planned.plan.files[0]?.sourcePath}
              />
            )}
            {step.kind === 'started' && !allEnded && (
              <Spinner
                size="tiny"
                label={`${count('completed')} of ${mine.length} converted (jobs in Transfers; closing this leaves them running)`}
              />
            )}
            {step.kind === 'started' && allEnded && (
              <MessageBar
                intent={count('completed') === mine.length ? 'success' : 'warning'}
                role="status"
                layout="multiline"
              >
                <MessageBarBody>
                  {count('completed')} of {mine.length} converted into {form?.container}/
                  {form?.path}
                  {count('failed') > 0 ? `; ${count('failed')} failed (see Transfers)` : ''}
                  {count('cancelled') > 0 ? `; ${count('cancelled')} cancelled` : ''}.
                </MessageBarBody>
              </MessageBar>
            )}
            {step.kind === 'failed' && (
              <FailureBar
                cancelled={step.cancelled}
                cancelledTitle="Cancelled; nothing was written"
                failedTitle="Not converted"
                message={step.message}
              />
            )}
          </DialogContent>
          <DialogActions>
            {step.kind !== 'started' && (
              <Button
                appearance="primary"
                disabled={step.kind !== 'ready' || !!problem}
                onClick={() => void convert()}
              >
                Convert {planned ? planned.plan.files.length : ''} files
              </Button>
            )}
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

import {
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
  ConvertJobSummary,
  ConvertResult,
  InspectConversionResult,
} from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { formatSize } from '../files/formatSize.js';
import { convertText } from '../transfers/formatConvert.js';
import {
  convertArgsOf,
  convertFormProblem,
  initialConvertForm,
  targetFormatOf,
  type ConvertForm,
} from './convertForm.js';
import type { QueryTarget } from './queryTable.js';
import { ConvertFields } from './ConvertFields.js';
import { failureOf, FailureBar } from './FailureBar.js';
import { useQueryFormStyles } from './queryFormStyles.js';

const useStyles = makeStyles({
  surface: { width: 'min(900px, 94vw)', maxWidth: 'none' },
  message: { whiteSpace: 'pre-wrap', margin: 0, fontFamily: tokens.fontFamilyMonospace },
});

type Step =
  | { kind: 'inspecting' }
  | { kind: 'ready'; inspected: InspectConversionResult }
  | {
      kind: 'converting';
      inspected: InspectConversionResult;
      /** The job, once `transfers.enqueueConvert` answered; its latest summary once an event told it. */
      jobId?: string;
      job?: ConvertJobSummary;
    }
  | { kind: 'done'; inspected: InspectConversionResult; result: ConvertResult }
  | {
      kind: 'failed';
      inspected: InspectConversionResult | undefined;
      message: string;
      cancelled: boolean;
    };

/**
 * "Convert…" of the query dialog on a CSV, TSV, NDJSON or Parquet file: shows the schema
 * DuckDB's sniffer inferred (names, types, nullability; each type may be changed), the Parquet
 * codec (zstd by default, snappy) and row group size, the rows that may be rejected, and the
 * target blob in any connection; converts as a job of the Transfers panel
 * (`transfers.enqueueConvert`), following its progress here until it ends (Cancel stops it and
 * nothing is left under the target name; closing the dialog leaves it running in the panel), and
 * lists the rows DuckDB rejected with their lines. Mounted while open.
 */
export function ConvertDialog({ target, onClose }: { target: QueryTarget; onClose: () => void }) {
  const styles = useStyles();
  const layout = useQueryFormStyles();
  const client = useClient();
  const [step, setStep] = useState<Step>({ kind: 'inspecting' });
  const [form, setForm] = useState<ConvertForm>();
  const inspectId = useRef(crypto.randomUUID());
  const current = useRef<string | undefined>(undefined);
  // Every conversion's latest summary since the dialog opened, so an event that came before
  // `transfers.enqueueConvert` answered is not lost.
  const latest = useRef(new Map<string, ConvertJobSummary>());
  const follow = useRef<(job: ConvertJobSummary) => void>(() => undefined);
  useEffect(
    () =>
      client.on('transfers.progress', (event) => {
        for (const job of event.jobs) {
          if (job.direction !== 'convert') continue;
          latest.current.set(job.id, job);
          follow.current(job);
        }
      }),
    [client],
  );

  useEffect(() => {
    let live = true;
    const queryId = inspectId.current;
    void client
      .call('query.inspectConversion', {
        queryId,
        connectionId: target.connectionId,
        container: target.container,
        path: target.path,
      })
      .then((r) => {
        if (!live) return;
        try {
          const inspected = unwrap(r);
          setForm(initialConvertForm(target, inspected));
          setStep({ kind: 'ready', inspected });
        } catch (e) {
          setStep({ kind: 'failed', inspected: undefined, ...failureOf(e) });
        }
      });
    return () => {
      live = false;
      void client.call('query.cancel', { queryId });
    };
  }, [client, target]);

  const inspected = step.kind === 'inspecting' ? undefined : step.inspected;
  const problem = form ? convertFormProblem(form) : undefined;
  const set = (part: Partial<ConvertForm>) => {
    setForm((f) => f && { ...f, ...part });
    if (inspected && step.kind !== 'converting') setStep({ kind: 'ready', inspected });
  };

  const convert = async () => {
    if (!inspected || !form || problem || step.kind === 'converting') return;
    const token = crypto.randomUUID();
    current.current = token;
    setStep({ kind: 'converting', inspected });
    const track = (job: ConvertJobSummary) => {
      if (current.current !== job.id) return;
      const s = job.state;
      if (s.kind === 'completed' && job.result)
        setStep({ kind: 'done', inspected, result: job.result });
      else if (s.kind === 'failed')
        setStep({ kind: 'failed', inspected, message: s.error.message, cancelled: false });
      else if (s.kind === 'cancelled')
        setStep({ kind: 'failed', inspected, message: convertText(job), cancelled: true });
      else setStep({ kind: 'converting', inspected, jobId: job.id, job });
    };
    try {
      const { jobIds } = unwrap(
        await client.call('transfers.enqueueConvert', convertArgsOf(target, inspected, form)),
      );
      const jobId = jobIds[0]!;
      if (current.current !== token) return;
      current.current = jobId;
      follow.current = track;
      setStep({ kind: 'converting', inspected, jobId });
      const known = latest.current.get(jobId);
      if (known) track(known);
    } catch (e) {
      if (current.current === token) setStep({ kind: 'failed', inspected, ...failureOf(e) });
    }
  };
  const cancel = () => {
    if (step.kind === 'converting' && step.jobId)
      void client.call('transfers.cancel', { jobId: step.jobId });
  };
  // The job goes on in the Transfers panel.
  const close = () => {
    current.current = undefined;
    onClose();
  };
  const to = inspected && targetFormatOf(inspected.sourceFormat);

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface className={styles.surface} aria-label="Convert">
        <DialogBody>
          <DialogTitle>
            Convert {target.container}/{target.path}
            {to ? ` to ${to === 'parquet' ? 'Parquet' : 'CSV'}` : ''}
          </DialogTitle>
          <DialogContent className={mergeClasses(layout.content, layout.scrolling)}>
            {step.kind === 'inspecting' && (
              <Spinner size="tiny" label="Reading the file and inferring its schema…" />
            )}
            {inspected && form && (
              <>
                <ConvertFields inspected={inspected} form={form} set={set} problem={problem} />
              </>
            )}
            {step.kind === 'converting' && (
              <Spinner
                size="tiny"
                label={
                  step.job
                    ? `${convertText(step.job)} (a job in Transfers; closing this leaves it running)`
                    : 'Converting…'
                }
              />
            )}
            {step.kind === 'done' && (
              <MessageBar intent="success" role="status" layout="multiline">
                <MessageBarBody>
                  Wrote {step.result.rowsWritten.toLocaleString('en-US')} rows (
                  {formatSize(step.result.sourceBytes)} → {formatSize(step.result.targetBytes)}) to{' '}
                  {form?.container}/{form?.path}
                  {step.result.rejected.length > 0 && (
                    <pre className={styles.message}>
                      {`${step.result.rejected.length} row${step.result.rejected.length === 1 ? '' : 's'} rejected:\n${step.result.rejected
                        .map((r) => `line ${r.line}: ${r.message}`)
                        .join('\n')}`}
                    </pre>
                  )}
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
            {step.kind === 'converting' ? (
              <Button onClick={cancel} disabled={!step.jobId}>
                Cancel conversion
              </Button>
            ) : (
              // Not again once done until the form changes: the target now exists, and a click
              // meant for Cancel conversion as the job ended would land here.
              <Button
                appearance="primary"
                disabled={!inspected || !!problem || step.kind === 'done'}
                onClick={() => void convert()}
              >
                Convert
              </Button>
            )}
            <Button onClick={close}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

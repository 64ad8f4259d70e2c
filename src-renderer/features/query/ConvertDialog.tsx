import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ConvertResult, InspectConversionResult } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { formatSize } from '../files/formatSize.js';
import {
  convertArgsOf,
  convertFormProblem,
  initialConvertForm,
  targetFormatOf,
  type ConvertForm,
} from './convertForm.js';
import type { QueryTarget } from './queryTable.js';
import { DestinationPicker } from './DestinationPicker.js';
import { failureOf, FailureBar } from './FailureBar.js';
import { useQueryFormStyles } from './queryFormStyles.js';

const useStyles = makeStyles({
  surface: { width: 'min(900px, 94vw)', maxWidth: 'none' },
  schema: { maxHeight: '16em', overflowY: 'auto' },
  message: { whiteSpace: 'pre-wrap', margin: 0, fontFamily: tokens.fontFamilyMonospace },
});

type Step =
  | { kind: 'inspecting' }
  | { kind: 'ready'; inspected: InspectConversionResult }
  | { kind: 'converting'; inspected: InspectConversionResult; queryId: string }
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
 * target blob in any connection; converts through `query.convert` (Cancel stops it and nothing
 * is left under the target name) and lists the rows DuckDB rejected with their lines. Mounted
 * while open.
 */
export function ConvertDialog({ target, onClose }: { target: QueryTarget; onClose: () => void }) {
  const styles = useStyles();
  const layout = useQueryFormStyles();
  const client = useClient();
  const [step, setStep] = useState<Step>({ kind: 'inspecting' });
  const [form, setForm] = useState<ConvertForm>();
  const inspectId = useRef(crypto.randomUUID());
  const current = useRef<string | undefined>(undefined);

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
    const queryId = crypto.randomUUID();
    current.current = queryId;
    setStep({ kind: 'converting', inspected, queryId });
    try {
      const result = unwrap(
        await client.call('query.convert', { queryId, ...convertArgsOf(target, inspected, form) }),
      );
      if (current.current === queryId) setStep({ kind: 'done', inspected, result });
    } catch (e) {
      if (current.current === queryId) setStep({ kind: 'failed', inspected, ...failureOf(e) });
    }
  };
  const cancel = () => {
    if (step.kind === 'converting') void client.call('query.cancel', { queryId: step.queryId });
  };
  const close = () => {
    cancel();
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
                <Body1>
                  {inspected.sourceFormat.toUpperCase()}, {formatSize(inspected.sourceBytes)}. The
                  schema DuckDB inferred; change a type where it guessed wrong.
                </Body1>
                <div className={styles.schema}>
                  <Table size="small" aria-label="Schema">
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell>Column</TableHeaderCell>
                        <TableHeaderCell>Type</TableHeaderCell>
                        <TableHeaderCell>Nullable</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {inspected.schema.map((c, i) => (
                        <TableRow key={`${i}-${c.name}`}>
                          <TableCell>{c.name}</TableCell>
                          <TableCell>
                            <Input
                              size="small"
                              aria-label={`Type of ${c.name}`}
                              value={form.types[i] ?? c.type}
                              onChange={(_, d) =>
                                set({ types: form.types.map((t, j) => (j === i ? d.value : t)) })
                              }
                            />
                          </TableCell>
                          <TableCell>{c.nullable ? 'yes' : 'no'}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
                <div className={layout.row}>
                  {to === 'parquet' && (
                    <>
                      <Field label="Compression">
                        <Dropdown
                          value={form.codec}
                          selectedOptions={[form.codec]}
                          onOptionSelect={(_, d) =>
                            set({ codec: d.optionValue as ConvertForm['codec'] })
                          }
                        >
                          <Option value="zstd">zstd</Option>
                          <Option value="snappy">snappy</Option>
                        </Dropdown>
                      </Field>
                      <Field label="Row group size (rows)">
                        <Input
                          value={form.rowGroupSize}
                          placeholder="122880"
                          inputMode="numeric"
                          onChange={(_, d) => set({ rowGroupSize: d.value })}
                        />
                      </Field>
                    </>
                  )}
                  <Field label="Rows that may be rejected">
                    <Input
                      value={form.maxRejects}
                      inputMode="numeric"
                      onChange={(_, d) => set({ maxRejects: d.value })}
                    />
                  </Field>
                </div>
                <DestinationPicker
                  blob={form}
                  onBlob={set}
                  overwrite={form.overwrite}
                  onOverwrite={(overwrite) => set({ overwrite })}
                  problem={problem}
                />
              </>
            )}
            {step.kind === 'converting' && <Spinner size="tiny" label="Converting…" />}
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
              <Button onClick={cancel}>Cancel conversion</Button>
            ) : (
              <Button
                appearance="primary"
                disabled={!inspected || !!problem}
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

import {
  Button,
  Caption1,
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowSwapRegular,
  BroomRegular,
  DismissRegular,
  PlayRegular,
  SaveRegular,
  StopRegular,
} from '@fluentui/react-icons';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { QueryRunResult } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { TableView } from '../preview/TableView.js';
import { ConvertDialog } from './ConvertDialog.js';
import { isConvertible } from './convertForm.js';
import { DeltaMaintenanceDialog } from './DeltaMaintenanceDialog.js';
import { SaveResultDialog } from './SaveResultDialog.js';
import { initialSql, resultAsTable, resultSummary, type QueryTarget } from './queryTable.js';
import { FailureBar } from './FailureBar.js';

const useStyles = makeStyles({
  surface: {
    width: 'min(1400px, 94vw)',
    maxWidth: 'none',
    height: 'min(900px, 92vh)',
    display: 'flex',
    flexDirection: 'column',
  },
  body: { display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    flexGrow: 1,
    minHeight: 0,
    overflow: 'hidden',
  },
  editor: { fontFamily: tokens.fontFamilyMonospace },
  titleRow: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  version: { width: '9em' },
  grow: { flexGrow: 1 },
  results: { display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 },
});

type Run =
  | { kind: 'idle' }
  | { kind: 'running'; queryId: string }
  | { kind: 'done'; result: QueryRunResult }
  | { kind: 'failed'; message: string; cancelled: boolean };

/**
 * "Query with SQL" on a file or folder: an SQL editor over the view `t` (opens with
 * `SELECT * FROM t LIMIT 100`), Run (Ctrl+Enter) and Cancel (interrupts DuckDB), the result in
 * the preview's virtualized table with DuckDB's types, the row count and the elapsed time;
 * DuckDB's error is shown as it gave it, with its line and caret. "Save result…" saves every
 * row as CSV or Parquet to a file or a blob of any connection (`SaveResultDialog`); on a data
 * file, "Convert…" opens `ConvertDialog`; on a folder, "Delta maintenance…" opens
 * `DeltaMaintenanceDialog` (VACUUM, RESTORE).
 */
export function QueryDialog({
  target,
  onClose,
}: {
  /** What to query; undefined: closed. */
  target: QueryTarget | undefined;
  onClose: () => void;
}) {
  const styles = useStyles();
  const client = useClient();
  const [sql, setSql] = useState(initialSql);
  const [version, setVersion] = useState('');
  const [run, setRun] = useState<Run>({ kind: 'idle' });
  const [saveOpen, setSaveOpen] = useState(false);
  const [convertOpen, setConvertOpen] = useState(false);
  const [deltaOpen, setDeltaOpen] = useState(false);
  const convertible = target !== undefined && isConvertible(target);
  const current = useRef<string | undefined>(undefined);

  const versionNumber = version.trim() === '' ? undefined : Number(version);
  const versionProblem =
    versionNumber !== undefined && (!Number.isInteger(versionNumber) || versionNumber < 0)
      ? 'A whole number, 0 or more'
      : undefined;

  const start = async () => {
    if (!target || run.kind === 'running' || versionProblem || sql.trim() === '') return;
    const queryId = crypto.randomUUID();
    current.current = queryId;
    setRun({ kind: 'running', queryId });
    try {
      const result = unwrap(
        await client.call('query.run', {
          connectionId: target.connectionId,
          container: target.container,
          path: target.path,
          sql,
          queryId,
          ...(versionNumber === undefined ? {} : { version: versionNumber }),
        }),
      );
      if (current.current === queryId) setRun({ kind: 'done', result });
    } catch (e) {
      if (current.current !== queryId) return;
      const code = (e as { code?: string }).code;
      setRun({
        kind: 'failed',
        message: e instanceof Error ? e.message : String(e),
        cancelled: code === 'Cancelled',
      });
    }
  };
  const cancel = () => {
    if (run.kind === 'running') void client.call('query.cancel', { queryId: run.queryId });
  };
  const close = () => {
    cancel();
    current.current = undefined;
    setRun({ kind: 'idle' });
    onClose();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void start();
    }
  };

  return (
    <>
      <Dialog
        open={target !== undefined}
        // An editor does not close on a click outside it (the SQL written would be lost), and a
        // click or Escape in one of its own dialogs (rendered beside it) is theirs.
        onOpenChange={(_, d) =>
          !d.open &&
          d.type !== 'backdropClick' &&
          !saveOpen &&
          !convertOpen &&
          !deltaOpen &&
          close()
        }
      >
        <DialogSurface className={styles.surface} aria-label="Query with SQL">
          <DialogBody className={styles.body}>
            <div className={styles.titleRow}>
              <DialogTitle className={styles.grow}>
                Query with SQL · {target?.container}/{target?.path}
              </DialogTitle>
              <Button
                appearance="subtle"
                aria-label="Close"
                icon={<DismissRegular />}
                onClick={close}
              />
            </div>
            <DialogContent className={styles.content}>
              <Field label="SQL (the file, folder or Delta table is the view t)">
                <Textarea
                  className={styles.editor}
                  value={sql}
                  rows={5}
                  resize="vertical"
                  spellCheck={false}
                  autoFocus
                  onChange={(_, d) => setSql(d.value)}
                  onKeyDown={onKeyDown}
                />
              </Field>
              <div className={styles.bar}>
                {run.kind === 'running' ? (
                  <Button icon={<StopRegular />} onClick={cancel}>
                    Cancel query
                  </Button>
                ) : (
                  <Button
                    appearance="primary"
                    icon={<PlayRegular />}
                    onClick={() => void start()}
                    disabled={!!versionProblem || sql.trim() === ''}
                    title="Run (Ctrl+Enter)"
                  >
                    Run
                  </Button>
                )}
                <Button
                  icon={<SaveRegular />}
                  onClick={() => setSaveOpen(true)}
                  disabled={!!versionProblem || sql.trim() === '' || run.kind === 'running'}
                  title="Save every row of the result as CSV or Parquet, here or to a connection"
                >
                  Save result…
                </Button>
                {convertible && (
                  <Button
                    icon={<ArrowSwapRegular />}
                    onClick={() => setConvertOpen(true)}
                    disabled={run.kind === 'running'}
                    title="Convert this file to Parquet (or a Parquet file to CSV), into any connection"
                  >
                    Convert…
                  </Button>
                )}
                {target?.kind === 'directory' && (
                  <Field
                    orientation="horizontal"
                    label="Delta version"
                    validationMessage={versionProblem}
                  >
                    <Input
                      className={styles.version}
                      value={version}
                      placeholder="latest"
                      inputMode="numeric"
                      onChange={(_, d) => setVersion(d.value)}
                    />
                  </Field>
                )}
                {target?.kind === 'directory' && (
                  <Button
                    icon={<BroomRegular />}
                    onClick={() => setDeltaOpen(true)}
                    disabled={run.kind === 'running'}
                    title="VACUUM (dry run first) or RESTORE this Delta table"
                  >
                    Delta maintenance…
                  </Button>
                )}
                <div className={styles.grow} />
                {run.kind === 'running' && <Spinner size="tiny" label="Running…" />}
                {run.kind === 'done' && (
                  <Caption1 role="status">{resultSummary(run.result)}</Caption1>
                )}
              </div>
              {run.kind === 'failed' && (
                <FailureBar
                  cancelled={run.cancelled}
                  cancelledTitle="The query was cancelled"
                  failedTitle="The query failed"
                  message={run.message}
                />
              )}
              {run.kind === 'done' && target && (
                <div className={styles.results}>
                  <TableView preview={resultAsTable(target, run.result)} />
                </div>
              )}
            </DialogContent>
          </DialogBody>
          {/* Nested in the surface (Fluent's nested dialogs), so that closing one gives this
              dialog back its focus and its place in the accessibility tree. */}
          {target && saveOpen && (
            <SaveResultDialog
              target={target}
              sql={sql}
              version={versionNumber}
              onClose={() => setSaveOpen(false)}
            />
          )}
          {target && deltaOpen && (
            <DeltaMaintenanceDialog target={target} onClose={() => setDeltaOpen(false)} />
          )}
          {target && convertOpen && (
            <ConvertDialog target={target} onClose={() => setConvertOpen(false)} />
          )}
        </DialogSurface>
      </Dialog>
    </>
  );
}

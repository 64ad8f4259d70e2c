import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  Option,
  ProgressBar,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { QuerySaveProgressEvent, QuerySaveResult } from '../../../shared/contract/index.js';
import { useAppInfo, useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { formatSize } from '../files/formatSize.js';
import { useSettings } from '../settings/useSettings.js';
import type { QueryTarget } from './queryTable.js';
import {
  destinationOf,
  initialSaveForm,
  saveFormProblem,
  saveProgressView,
  withFormat,
  type SaveForm,
} from './saveResult.js';
import { DestinationPicker } from './DestinationPicker.js';
import { failureOf, FailureBar } from './FailureBar.js';
import { useQueryFormStyles } from './queryFormStyles.js';

type Saving =
  | { kind: 'idle' }
  | { kind: 'saving'; queryId: string; remote: boolean; progress?: QuerySaveProgressEvent }
  | { kind: 'saved'; result: QuerySaveResult }
  | { kind: 'failed'; message: string; cancelled: boolean };

/**
 * "Save result…" of the query dialog: saves every row of `sql` over `target` as CSV or Parquet
 * (zstd or snappy) to a file on this computer (the download folder of Settings to start with) or
 * to a blob of any connection, through `query.save`. While it runs, a bar and a line tell how
 * far it is (`query.saveProgress`: DuckDB writing the file, then bytes uploaded of its size);
 * Cancel saving stops it and nothing is left under the name. An existing file or blob is
 * replaced only with "Replace if it exists". Mounted while open, so each opening starts afresh.
 */
export function SaveResultDialog({
  target,
  sql,
  version,
  onClose,
}: {
  target: QueryTarget;
  sql: string;
  version: number | undefined;
  onClose: () => void;
}) {
  const styles = useQueryFormStyles();
  const client = useClient();
  const info = useAppInfo();
  const settings = useSettings();
  const folder = settings.data?.downloadDirectory ?? info.data?.downloadDirectory ?? '';
  const [form, setForm] = useState<SaveForm>(() => initialSaveForm(target, folder));
  const [saving, setSaving] = useState<Saving>({ kind: 'idle' });
  const current = useRef<string | undefined>(undefined);
  useEffect(
    () =>
      client.on('query.saveProgress', (progress) =>
        setSaving((s) =>
          s.kind === 'saving' && s.queryId === progress.queryId ? { ...s, progress } : s,
        ),
      ),
    [client],
  );

  // A change of the form makes the last outcome stale.
  const change = (next: (f: SaveForm) => SaveForm) => {
    setForm(next);
    if (saving.kind !== 'saving') setSaving({ kind: 'idle' });
  };
  const set = (part: Partial<SaveForm>) => change((f) => ({ ...f, ...part }));
  const problem = saveFormProblem(form);

  const save = async () => {
    if (problem || saving.kind === 'saving') return;
    const queryId = crypto.randomUUID();
    current.current = queryId;
    setSaving({ kind: 'saving', queryId, remote: form.where === 'remote' });
    try {
      const result = unwrap(
        await client.call('query.save', {
          connectionId: target.connectionId,
          container: target.container,
          path: target.path,
          sql,
          queryId,
          format: form.format,
          ...(form.format === 'parquet' ? { codec: form.codec } : {}),
          destination: destinationOf(form),
          overwrite: form.overwrite,
          ...(version === undefined ? {} : { version }),
        }),
      );
      if (current.current === queryId) setSaving({ kind: 'saved', result });
    } catch (e) {
      if (current.current === queryId) setSaving({ kind: 'failed', ...failureOf(e) });
    }
  };
  const cancel = () => {
    if (saving.kind === 'saving') void client.call('query.cancel', { queryId: saving.queryId });
  };
  const close = () => {
    cancel();
    current.current = undefined;
    onClose();
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface aria-label="Save result">
        <DialogBody>
          <DialogTitle>Save result</DialogTitle>
          <DialogContent className={styles.content}>
            <div className={styles.row}>
              <Field label="Format">
                <RadioGroup
                  layout="horizontal"
                  value={form.format}
                  onChange={(_, d) => change((f) => withFormat(f, d.value as SaveForm['format']))}
                >
                  <Radio value="csv" label="CSV" />
                  <Radio value="parquet" label="Parquet" />
                </RadioGroup>
              </Field>
              {form.format === 'parquet' && (
                <Field label="Compression">
                  <Dropdown
                    value={form.codec}
                    selectedOptions={[form.codec]}
                    onOptionSelect={(_, d) => set({ codec: d.optionValue as SaveForm['codec'] })}
                  >
                    <Option value="zstd">zstd</Option>
                    <Option value="snappy">snappy</Option>
                  </Dropdown>
                </Field>
              )}
            </div>
            <DestinationPicker
              blob={{
                connectionId: form.connectionId,
                container: form.container,
                path: form.blobPath,
              }}
              onBlob={({ path, ...part }) =>
                set(path === undefined ? part : { ...part, blobPath: path })
              }
              local={{
                where: form.where,
                folder: form.folder,
                fileName: form.fileName,
                onChange: set,
              }}
              overwrite={form.overwrite}
              onOverwrite={(overwrite) => set({ overwrite })}
              problem={problem}
            />
            {saving.kind === 'saving' && <SaveProgress saving={saving} />}
            {saving.kind === 'saved' && (
              <MessageBar intent="success" role="status">
                <MessageBarBody>
                  Saved {saving.result.rowsWritten.toLocaleString('en-US')} rows (
                  {formatSize(saving.result.bytes)}) to {saving.result.destination}
                </MessageBarBody>
              </MessageBar>
            )}
            {saving.kind === 'failed' && (
              <FailureBar
                cancelled={saving.cancelled}
                cancelledTitle="Saving was cancelled"
                failedTitle="The result was not saved"
                message={saving.message}
              />
            )}
          </DialogContent>
          <DialogActions>
            {saving.kind === 'saving' ? (
              <Button onClick={cancel}>Cancel saving</Button>
            ) : (
              <Button appearance="primary" disabled={!!problem} onClick={() => void save()}>
                Save
              </Button>
            )}
            <Button onClick={close}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

const useProgressStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** The bar and the line of a save under way, announced politely. */
function SaveProgress({ saving }: { saving: Extract<Saving, { kind: 'saving' }> }) {
  const styles = useProgressStyles();
  const view = saveProgressView(saving.progress, saving.remote);
  return (
    <div className={styles.root} role="status" aria-live="polite" aria-label="Saving progress">
      <ProgressBar thickness="large" value={view.fraction} aria-label="Saving" />
      <Caption1>{view.text}</Caption1>
    </div>
  );
}

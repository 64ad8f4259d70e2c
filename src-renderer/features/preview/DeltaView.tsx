import {
  Caption1,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { DeltaPreview } from '../../../shared/contract/index.js';
import { formatSize } from '../files/formatSize.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { TableView } from './TableView.js';
import { useDeltaPreview, type PreviewTarget } from './usePreview.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minHeight: 0,
    flexGrow: 1,
  },
  history: {
    maxHeight: '180px',
    overflow: 'auto',
    fontSize: tokens.fontSizeBase200,
    borderCollapse: 'collapse',
    width: '100%',
  },
  cell: {
    padding: `2px ${tokens.spacingHorizontalS}`,
    textAlign: 'left',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    whiteSpace: 'nowrap',
  },
});

const params = (p: Record<string, string>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

function History({ preview }: { preview: DeltaPreview }) {
  const styles = useStyles();
  return (
    <details>
      <summary>History ({preview.history.length} commits)</summary>
      <div className={styles.history}>
        <table aria-label="History" className={styles.history}>
          <thead>
            <tr>
              {['Version', 'Time', 'Operation', 'Parameters', 'Rows added', 'Files +/−'].map(
                (h) => (
                  <th key={h} className={styles.cell}>
                    {h}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {preview.history.map((h) => (
              <tr key={h.version}>
                <td className={styles.cell}>{h.version}</td>
                <td className={styles.cell}>{new Date(h.timestamp).toLocaleString()}</td>
                <td className={styles.cell}>{h.operation}</td>
                <td className={styles.cell}>{params(h.operationParameters)}</td>
                <td className={styles.cell}>{h.rowsAdded ?? ''}</td>
                <td className={styles.cell}>
                  +{h.filesAdded} / −{h.filesRemoved}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * A Delta table: pick a version (time travel), see its file count, size, partition columns,
 * schema and history, and the first rows of that version's active files.
 */
export function DeltaView({ target }: { target: Extract<PreviewTarget, { kind: 'delta' }> }) {
  const styles = useStyles();
  const [version, setVersion] = useState<number>();
  const query = useDeltaPreview(target, version);
  const p = query.data;
  return (
    <div className={styles.root}>
      {query.isError && <ErrorNotice error={query.error} title="Could not read this Delta table" />}
      {query.isFetching && <Spinner size="tiny" label="Reading the Delta log…" />}
      {p && (
        <>
          <Field label="Version">
            <Select value={String(p.version)} onChange={(_, d) => setVersion(Number(d.value))}>
              {Array.from({ length: p.latestVersion + 1 }, (_, v) => p.latestVersion - v).map(
                (v) => (
                  <option key={v} value={v}>
                    {v === p.latestVersion ? `${v} (latest)` : v}
                  </option>
                ),
              )}
            </Select>
          </Field>
          <Caption1>
            Delta table · version {p.version} of {p.latestVersion} · {p.fileCount} files ·{' '}
            {formatSize(p.totalBytes)}
            {p.partitionColumns.length > 0
              ? ` · partitioned by ${p.partitionColumns.join(', ')}`
              : ''}{' '}
            {p.checkpoint !== undefined ? ` · read from checkpoint ${p.checkpoint}` : ''} · read{' '}
            {formatSize(p.bytesRead)}
          </Caption1>
          {p.notes.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{p.notes.join(' ')}</MessageBarBody>
            </MessageBar>
          )}
          <details>
            <summary>Schema ({p.schema.length} columns)</summary>
            <ul>
              {p.schema.map((c) => (
                <li key={c.name}>
                  {c.name}: {c.logicalType ?? c.type}
                  {c.nullable ? ' (nullable)' : ''}
                </li>
              ))}
            </ul>
          </details>
          <History preview={p} />
          <TableView
            preview={{
              kind: 'table',
              source: 'parquet',
              name: p.name,
              size: p.totalBytes,
              bytesRead: p.bytesRead,
              notes: [],
              columns: p.columns,
              rows: p.rows,
              truncated: p.truncated,
            }}
          />
        </>
      )}
    </div>
  );
}

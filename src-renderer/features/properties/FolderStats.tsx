import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { FolderStats as Stats } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { formatSize } from '../files/formatSize.js';
import { newOperationId } from '../pathOps/useOperations.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import type { PropertiesTarget } from './useProperties.js';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

type Count =
  | { state: 'idle' }
  | { state: 'running'; operationId: string; items: number; bytes: number }
  | { state: 'done'; stats: Stats }
  | { state: 'stopped'; items: number; bytes: number }
  | { state: 'failed'; error: unknown };

/**
 * Folder statistics for a directory: "Count" runs `paths.stats` (recursive file count and
 * bytes), showing the running totals from `operations.progress` as they stream in, with a
 * Stop button; the count stops too when the pane moves to another entry.
 */
export function FolderStats({ target }: { target: PropertiesTarget }) {
  const styles = useStyles();
  const client = useClient();
  const [count, setCount] = useState<Count>({ state: 'idle' });
  const current = useRef<string | undefined>(undefined);

  useEffect(
    () => () => {
      if (current.current) void client.call('operations.cancel', { operationId: current.current });
    },
    [client],
  );

  const start = async () => {
    const operationId = newOperationId();
    current.current = operationId;
    setCount({ state: 'running', operationId, items: 0, bytes: 0 });
    const off = client.on('operations.progress', (e) => {
      if (e.operationId !== operationId || e.state !== 'running') return;
      setCount((c) =>
        c.state === 'running' && c.operationId === operationId
          ? { ...c, items: e.done, bytes: e.bytes }
          : c,
      );
    });
    try {
      const stats = unwrap(
        await client.call('paths.stats', {
          connectionId: target.connectionId,
          container: target.container,
          directory: target.entry.path,
          operationId,
        }),
      );
      setCount({ state: 'done', stats });
    } catch (error) {
      setCount((c) =>
        c.state === 'running' && (error as { code?: string }).code === 'Cancelled'
          ? { state: 'stopped', items: c.items, bytes: c.bytes }
          : { state: 'failed', error },
      );
    } finally {
      off();
      current.current = undefined;
    }
  };

  return (
    <div className={styles.row} aria-label="Folder statistics" role="group">
      {count.state === 'idle' && (
        <Button size="small" onClick={() => void start()}>
          Count files and size
        </Button>
      )}
      {count.state === 'running' && (
        <>
          <Body1 aria-live="polite">
            Counting… {count.items.toLocaleString()} items, {formatSize(count.bytes)} so far
          </Body1>
          <Button
            size="small"
            onClick={() =>
              void client.call('operations.cancel', { operationId: count.operationId })
            }
          >
            Stop
          </Button>
        </>
      )}
      {count.state === 'done' && (
        <Body1 aria-live="polite">
          {count.stats.files.toLocaleString()} files in {count.stats.directories.toLocaleString()}{' '}
          folders, {formatSize(count.stats.bytes)} ({count.stats.bytes.toLocaleString()} bytes)
        </Body1>
      )}
      {count.state === 'stopped' && (
        <Body1>
          Stopped after {count.items.toLocaleString()} items, {formatSize(count.bytes)}
        </Body1>
      )}
      {count.state === 'failed' && <ErrorNotice error={count.error} title="Counting failed" />}
    </div>
  );
}

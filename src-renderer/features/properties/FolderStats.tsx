import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { formatSize } from '../files/formatSize.js';
import { useFolderCounts } from '../pathOps/useFolderCounts.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import type { PropertiesTarget } from './useProperties.js';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/**
 * Folder statistics for a directory: "Count files and size" starts the same recursive count
 * the delete dialog runs (`useFolderCounts`), showing the running totals as they stream in,
 * with a Stop button; the count stops too when the pane moves to another entry.
 */
export function FolderStats({ target }: { target: PropertiesTarget }) {
  const styles = useStyles();
  const [started, setStarted] = useState(false);
  return (
    <div className={styles.row} aria-label="Folder statistics" role="group">
      {started ? (
        <FolderCount target={target} />
      ) : (
        <Button size="small" onClick={() => setStarted(true)}>
          Count files and size
        </Button>
      )}
    </div>
  );
}

function FolderCount({ target }: { target: PropertiesTarget }) {
  const { connectionId, container, entry } = target;
  const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
  const count = useFolderCounts({ connectionId, container }, [
    { kind: 'directory', name, path: entry.path },
  ]);
  if (count.error) return <ErrorNotice error={new Error(count.error)} title="Counting failed" />;
  if (count.counting) {
    return (
      <>
        <Body1 aria-live="polite">
          Counting… {count.items.toLocaleString()} items, {formatSize(count.bytes)} so far
        </Body1>
        <Button size="small" onClick={() => void count.stop()}>
          Stop
        </Button>
      </>
    );
  }
  if (count.partial) {
    return (
      <Body1>
        Stopped after {count.items.toLocaleString()} items, {formatSize(count.bytes)}
      </Body1>
    );
  }
  return (
    <Body1 aria-live="polite">
      {count.files.toLocaleString()} files in {(count.items - count.files).toLocaleString()}{' '}
      folders, {formatSize(count.bytes)} ({count.bytes.toLocaleString()} bytes)
    </Body1>
  );
}

import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useAppInfo } from '../../api/hooks.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, overflowWrap: 'anywhere', userSelect: 'text' },
  path: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** About Lakeshore (Help → About): the version, how it runs, the data folder and the log folder. */
export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const styles = useStyles();
  const info = useAppInfo();
  const facts: [string, string, boolean][] = info.data
    ? [
        ['Version', info.data.version, false],
        ['Runs as', info.data.mode === 'electron' ? 'Desktop app' : 'Browser mode', false],
        ['Data folder', info.data.dataDir, true],
        ['Log folder', info.data.logDir, true],
      ]
    : [];
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="About Lakeshore">
        <DialogBody>
          <DialogTitle>About Lakeshore</DialogTitle>
          <DialogContent>
            {info.isPending && <Spinner size="small" label="Reading…" />}
            {info.isError && <ErrorNotice error={info.error} />}
            {info.data && (
              <dl className={styles.facts}>
                {facts.map(([term, value, isPath]) => (
                  <div key={term} style={{ display: 'contents' }}>
                    <dt className={styles.term}>{term}</dt>
                    <dd className={mergeClasses(styles.value, isPath && styles.path)}>{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

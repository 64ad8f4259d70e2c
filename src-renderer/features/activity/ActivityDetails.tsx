import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { StorageActivity } from '../../../shared/contract/index.js';
import { detailsText } from './activityText.js';

const useStyles = makeStyles({
  fields: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  name: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere', fontFamily: tokens.fontFamilyMonospace },
});

/** One operation's every field (request ids included), with "Copy details" for a support ticket. */
export function ActivityDetails({
  entry,
  onClose,
}: {
  entry: StorageActivity;
  onClose: () => void;
}) {
  const styles = useStyles();
  const [copied, setCopied] = useState(false);
  const text = detailsText(entry);
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Operation details">
        <DialogBody>
          <DialogTitle>
            {entry.area}.{entry.operation}
          </DialogTitle>
          <DialogContent>
            <dl className={styles.fields}>
              {text.split('\n').map((line) => {
                const at = line.indexOf(': ');
                return (
                  <div key={line} style={{ display: 'contents' }}>
                    <dt className={styles.name}>{line.slice(0, at)}</dt>
                    <dd className={styles.value}>{line.slice(at + 2)}</dd>
                  </div>
                );
              })}
            </dl>
          </DialogContent>
          <DialogActions>
            <Button
              icon={<CopyRegular aria-hidden />}
              onClick={() => {
                void navigator.clipboard.writeText(text).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy details'}
            </Button>
            <Button appearance="primary" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

import { Button, Caption1, ProgressBar, makeStyles } from '@fluentui/react-components';
import { ArrowUploadRegular } from '@fluentui/react-icons';
import { formatSize } from '../files/formatSize.js';
import { useJobRowStyles } from './jobGrid.js';
import { stagingUploads, type StagingItem } from './stagingUploads.js';

const useStyles = makeStyles({
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

/** What the row says, its percentage from the same fraction as its bar. */
export function stagingText(item: StagingItem, fraction: number): string {
  const bytes = `${formatSize(item.bytesSent)} of ${formatSize(item.bytesTotal)}`;
  switch (item.state.kind) {
    case 'sending':
      return `Sending to Lakeshore · ${Math.floor(fraction * 100)}% · ${bytes}`;
    case 'starting':
      return `Starting the upload · ${formatSize(item.bytesTotal)}`;
    case 'failed':
      return `Failed (${item.state.error.code}): ${item.state.error.message}`;
    case 'cancelled':
      return `Cancelled · ${bytes} had been sent`;
  }
}

const stagingFraction = (item: StagingItem) =>
  item.state.kind === 'starting' || item.bytesTotal === 0
    ? 1
    : Math.min(1, item.bytesSent / item.bytesTotal);

function StagingRow({ item }: { item: StagingItem }) {
  const styles = useStyles();
  const rows = useJobRowStyles();
  const fraction = stagingFraction(item);
  return (
    <li aria-label={`Upload ${item.name}`}>
      <div className={rows.row}>
        <ArrowUploadRegular aria-hidden />
        <span
          className={styles.name}
          title={`${item.name}: the browser sends it to Lakeshore on this computer first, then Lakeshore uploads it`}
        >
          {item.name}
        </span>
        <div>
          <ProgressBar
            value={fraction}
            thickness="large"
            aria-label={`Progress of ${item.name}`}
            color={item.state.kind === 'failed' ? 'error' : 'brand'}
          />
          <Caption1>{stagingText(item, fraction)}</Caption1>
        </div>
        {item.state.kind === 'sending' ? (
          <div>
            <Button
              size="small"
              aria-label={`Cancel ${item.name}`}
              onClick={() => stagingUploads.cancel(item.id)}
            >
              Cancel
            </Button>
          </div>
        ) : (
          <span />
        )}
      </div>
    </li>
  );
}

/**
 * Browser-mode drops while their bytes go to main (before the transfer engine has their jobs):
 * one row per top-level item, named as its upload job will be, with the bytes sent and Cancel.
 * Nothing when there are none.
 */
export function StagingList({ items }: { items: StagingItem[] }) {
  const rows = useJobRowStyles();
  if (items.length === 0) return null;
  return (
    <ul className={rows.list} aria-label="Sending to Lakeshore">
      {items.map((item) => (
        <StagingRow key={item.id} item={item} />
      ))}
    </ul>
  );
}

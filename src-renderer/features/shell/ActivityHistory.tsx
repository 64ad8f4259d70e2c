import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ActivityEntry } from '../../../shared/contract/index.js';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    minHeight: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  entry: { display: 'grid', gridTemplateColumns: 'auto 1fr', gap: tokens.spacingHorizontalS },
  time: { color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  empty: { color: tokens.colorNeutralForeground3 },
});

/** How many activity entries the history keeps (the newest). */
export const activityHistorySize = 50;

/** `entry` added in front of `history`, which keeps the newest `activityHistorySize`. */
export const withEntry = (history: ActivityEntry[], entry: ActivityEntry): ActivityEntry[] =>
  [entry, ...history].slice(0, activityHistorySize);

const timeOf = (at: string) =>
  new Date(at).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/** The status bar's latest messages (newest first) with their time: the Activity panel's Messages tab. */
export function MessageHistory({ history }: { history: ActivityEntry[] }) {
  const styles = useStyles();
  return history.length === 0 ? (
    <Caption1 className={styles.empty}>Nothing yet.</Caption1>
  ) : (
    <ul className={styles.list} aria-label="Activity history">
      {history.map((entry, i) => (
        <li key={`${entry.at}-${i}`} className={styles.entry}>
          <Caption1 className={styles.time}>{timeOf(entry.at)}</Caption1>
          <Caption1
            className={
              entry.level === 'error'
                ? styles.error
                : entry.level === 'warning'
                  ? styles.warning
                  : undefined
            }
          >
            {entry.level === 'info' ? '' : `${entry.level === 'error' ? 'Error' : 'Warning'}: `}
            {entry.message}
          </Caption1>
        </li>
      ))}
    </ul>
  );
}

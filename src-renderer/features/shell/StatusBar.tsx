import { Button, Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { HistoryRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { ActivityEntry } from '../../../shared/contract/index.js';
import { useAppInfo, useClient } from '../../api/hooks.js';
import { HelpButton } from '../help/HelpButton.js';
import { SettingsButton } from '../settings/SettingsButton.js';
import { ActivityPanel } from '../activity/ActivityPanel.js';
import { withEntry } from './ActivityHistory.js';

/** How long a message stays in the status bar (ms): errors and warnings longer than the rest. */
export const messageShownMs = { info: 5000, warning: 10_000, error: 10_000 } as const;
/** How long the message takes to fade out at the end of that time (ms). */
const fadeMs = 600;

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalL,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  grow: {
    flexGrow: 1,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    transitionProperty: 'color',
    transitionDuration: `${fadeMs}ms`,
  },
  // A fading message turns to the muted foreground, then goes: its colour stays legible
  // (above 4.5:1 in every theme) all the way, where fading its opacity left it illegible and
  // failed axe's color-contrast mid-fade (seen at 1.06:1 in the dark theme).
  fading: { color: tokens.colorNeutralForeground3 },
  // One line whatever the width: the full text is in the tooltip.
  secrets: {
    flexShrink: 1,
    minWidth: 0,
    maxWidth: '40%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
});

/**
 * Activity events as the status bar shows them: the latest message while it is fresh (it
 * fades after `messageShownMs`), and the newest 50 in `history`.
 */
function useActivity() {
  const client = useClient();
  const [history, setHistory] = useState<ActivityEntry[]>([]);
  const [current, setCurrent] = useState<{ entry: ActivityEntry; fading: boolean }>();
  useEffect(
    () =>
      client.on('activity', (entry) => {
        setHistory((h) => withEntry(h, entry));
        setCurrent({ entry, fading: false });
      }),
    [client],
  );
  useEffect(() => {
    if (!current) return undefined;
    const shown = messageShownMs[current.entry.level];
    const timer = current.fading
      ? setTimeout(() => setCurrent(undefined), fadeMs)
      : setTimeout(() => setCurrent((c) => c && { ...c, fading: true }), shown - fadeMs);
    return () => clearTimeout(timer);
  }, [current]);
  return { history, current };
}

/**
 * Bottom bar: the latest activity while it is fresh (then it fades), the Activity button that
 * opens the Activity panel above the bar (storage operations, the last 50 messages,
 * diagnostics), where secrets are kept, Settings and Help.
 */
export function StatusBar() {
  const styles = useStyles();
  const info = useAppInfo();
  const { history, current } = useActivity();
  const [activityOpen, setActivityOpen] = useState(false);
  const secrets =
    info.data?.secretStorage === 'os-encryption'
      ? 'Secrets: encrypted with the OS keychain'
      : info.data
        ? `Secrets: stored in a 0600 file in ${info.data.dataDir} (browser mode)`
        : '';
  return (
    <>
      {activityOpen && <ActivityPanel history={history} onClose={() => setActivityOpen(false)} />}
      <footer className={styles.bar} aria-label="Status">
        <Caption1
          className={mergeClasses(styles.grow, current?.fading && styles.fading)}
          aria-live="polite"
        >
          {current?.entry.message ?? ''}
        </Caption1>
        <Button
          size="small"
          appearance={activityOpen ? 'secondary' : 'subtle'}
          icon={<HistoryRegular aria-hidden />}
          aria-expanded={activityOpen}
          onClick={() => setActivityOpen((o) => !o)}
        >
          Activity
        </Button>
        <Caption1 className={styles.secrets} title={secrets}>
          {secrets}
        </Caption1>
        <SettingsButton />
        <HelpButton />
      </footer>
    </>
  );
}

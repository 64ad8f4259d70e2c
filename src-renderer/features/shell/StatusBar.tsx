import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useAppInfo, useClient } from '../../api/hooks.js';
import { SettingsButton } from '../settings/SettingsButton.js';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalL,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  grow: { flexGrow: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

/** Bottom bar: the latest activity, the app mode, where secrets are kept, and Settings. */
export function StatusBar() {
  const styles = useStyles();
  const client = useClient();
  const info = useAppInfo();
  const [activity, setActivity] = useState('');
  useEffect(() => client.on('activity', (entry) => setActivity(entry.message)), [client]);
  const secrets =
    info.data?.secretStorage === 'os-encryption'
      ? 'Secrets: encrypted with the OS keychain'
      : info.data
        ? `Secrets: stored in a 0600 file in ${info.data.dataDir} (browser mode)`
        : '';
  return (
    <footer className={styles.bar} aria-label="Status">
      <Caption1 className={styles.grow} aria-live="polite">
        {activity}
      </Caption1>
      <Caption1>{secrets}</Caption1>
      <SettingsButton />
    </footer>
  );
}

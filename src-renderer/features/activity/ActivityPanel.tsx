import { Button, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ActivityEntry } from '../../../shared/contract/index.js';
import { MessageHistory } from '../shell/ActivityHistory.js';
import { DiagnosticsView } from './DiagnosticsView.js';
import { OperationsLog } from './OperationsLog.js';

const useStyles = makeStyles({
  root: {
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    height: 'min(42vh, 360px)',
    minHeight: '180px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    gap: tokens.spacingVerticalXS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  body: { display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 },
});

/** The panel's tabs: storage operations, the status bar's messages, latency and errors. */
export type ActivityTab = 'operations' | 'messages' | 'diagnostics';

/**
 * The one Activity region: the storage operations main recorded (Operations), the status
 * bar's recent messages (Messages: what Lakeshore said, the operations are what it did), and
 * the Diagnostics view with Export diagnostics.
 */
export function ActivityPanel({
  history,
  onClose,
}: {
  history: ActivityEntry[];
  onClose: () => void;
}) {
  const styles = useStyles();
  const [tab, setTab] = useState<ActivityTab>('operations');
  return (
    <section className={styles.root} aria-label="Activity">
      <div className={styles.header}>
        <TabList
          size="small"
          selectedValue={tab}
          onTabSelect={(_, d) => setTab(d.value as ActivityTab)}
        >
          <Tab value="operations">Operations</Tab>
          <Tab value="messages">Messages</Tab>
          <Tab value="diagnostics">Diagnostics</Tab>
        </TabList>
        <Button
          size="small"
          appearance="subtle"
          aria-label="Close Activity"
          icon={<DismissRegular aria-hidden />}
          onClick={onClose}
        />
      </div>
      <div className={styles.body}>
        {tab === 'operations' && <OperationsLog />}
        {tab === 'messages' && <MessageHistory history={history} />}
        {tab === 'diagnostics' && <DiagnosticsView />}
      </div>
    </section>
  );
}

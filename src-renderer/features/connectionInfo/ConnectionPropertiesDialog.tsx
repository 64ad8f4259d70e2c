import { makeStyles, tokens } from '@fluentui/react-components';
import type { ConnectionSummary } from '../../../shared/contract/index.js';
import { DialogShell } from '../shell/DialogShell.js';
import { FactList, type Fact } from '../shell/FactList.js';
import { ConnectionNetworkSection } from './ConnectionNetworkSection.js';
import { CredentialAbilitiesList } from './CredentialAbilitiesList.js';

const useStyles = makeStyles({
  facts: { marginBottom: tokens.spacingVerticalM },
  heading: { fontSize: tokens.fontSizeBase300, margin: `0 0 ${tokens.spacingVerticalS}` },
});

const sourceLabel = { file: 'connections.toml', environment: 'Environment variables' } as const;

/**
 * "Connection properties…": where the connection comes from, what it reaches, what its
 * credential can do, and its timeouts and retries (changed here when `editable`: a connection
 * saved in Lakeshore).
 */
export function ConnectionPropertiesDialog({
  connection,
  open,
  onClose,
  editable = false,
}: {
  connection: ConnectionSummary;
  open: boolean;
  onClose: () => void;
  editable?: boolean;
}) {
  const styles = useStyles();
  const rows: [string, string][] = [
    ['Account', connection.accountName],
    ['Endpoint', connection.blobEndpoint],
    [
      'Reaches',
      connection.scope.type === 'container'
        ? `Container ${connection.scope.container}`
        : 'The whole account',
    ],
    [
      'Defined in',
      connection.source
        ? `${sourceLabel[connection.source]} (read-only here)`
        : 'Saved in Lakeshore',
    ],
    ...(connection.readOnly
      ? [['Changes', 'Turned off (read_only = true)'] as [string, string]]
      : []),
  ];
  return (
    <DialogShell
      open={open}
      onClose={onClose}
      label="Connection properties"
      title={`Properties of “${connection.name}”`}
    >
      <FactList
        facts={rows.map(([term, value]): Fact => ({ term, value, mono: term === 'Endpoint' }))}
        className={styles.facts}
      />
      <h3 className={styles.heading}>What this credential can do</h3>
      {connection.abilities ? (
        <CredentialAbilitiesList abilities={connection.abilities} />
      ) : (
        <p>Not known for this connection.</p>
      )}
      <ConnectionNetworkSection connection={connection} editable={editable} />
    </DialogShell>
  );
}

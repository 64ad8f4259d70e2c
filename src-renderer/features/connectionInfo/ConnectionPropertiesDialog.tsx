import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  tokens,
} from '@fluentui/react-components';
import type { ConnectionSummary } from '../../../shared/contract/index.js';
import { CredentialAbilitiesList } from './CredentialAbilitiesList.js';

const sourceLabel = { file: 'connections.toml', environment: 'Environment variables' } as const;

/** "Connection properties…": where the connection comes from, what it reaches, and what its credential can do. */
export function ConnectionPropertiesDialog({
  connection,
  open,
  onClose,
}: {
  connection: ConnectionSummary;
  open: boolean;
  onClose: () => void;
}) {
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
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Connection properties">
        <DialogBody>
          <DialogTitle>Properties of “{connection.name}”</DialogTitle>
          <DialogContent>
            <dl
              style={{
                display: 'grid',
                gridTemplateColumns: 'max-content 1fr',
                columnGap: tokens.spacingHorizontalL,
                rowGap: tokens.spacingVerticalXS,
                margin: `0 0 ${tokens.spacingVerticalM}`,
              }}
            >
              {rows.map(([label, value]) => (
                <div key={label} style={{ display: 'contents' }}>
                  <dt>{label}</dt>
                  <dd style={{ margin: 0, wordBreak: 'break-all' }}>{value}</dd>
                </div>
              ))}
            </dl>
            <h3
              style={{ fontSize: tokens.fontSizeBase300, margin: `0 0 ${tokens.spacingVerticalS}` }}
            >
              What this credential can do
            </h3>
            {connection.abilities ? (
              <CredentialAbilitiesList abilities={connection.abilities} />
            ) : (
              <p>Not known for this connection.</p>
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

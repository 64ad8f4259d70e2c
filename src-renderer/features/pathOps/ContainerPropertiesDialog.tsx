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
  tokens,
} from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import type { ContainerProperties } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  value: { margin: 0, wordBreak: 'break-all' },
});

const publicAccessText: Record<ContainerProperties['publicAccess'], string> = {
  none: 'Private (no anonymous access)',
  blob: 'Blob (anonymous read of blobs)',
  container: 'Container (anonymous read and list)',
};

/** The facts of a container as label/value pairs, metadata last. */
function facts(p: ContainerProperties): [string, string][] {
  const rows: [string, string | undefined][] = [
    ['Public access', publicAccessText[p.publicAccess]],
    ['Lease state', p.leaseState],
    ['Lease status', p.leaseStatus],
    ['Lease duration', p.leaseDuration],
    ['Last modified', p.lastModified ? new Date(p.lastModified).toLocaleString() : undefined],
    ['ETag', p.etag],
    [
      'Immutability policy',
      p.hasImmutabilityPolicy === undefined ? undefined : p.hasImmutabilityPolicy ? 'Yes' : 'No',
    ],
    ['Legal hold', p.hasLegalHold === undefined ? undefined : p.hasLegalHold ? 'Yes' : 'No'],
    ...Object.entries(p.metadata).map(([k, v]): [string, string] => [`Metadata ${k}`, v]),
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
}

/**
 * "Container properties…": public access level, lease, times, immutability and metadata of a
 * container (Get Container Properties), read when the dialog opens.
 */
export function ContainerPropertiesDialog({
  target,
  onClose,
}: {
  target: { connectionId: string; container: string } | undefined;
  onClose: () => void;
}) {
  const styles = useStyles();
  const client = useClient();
  const properties = useQuery({
    queryKey: ['containers.properties', target?.connectionId, target?.container],
    queryFn: async () => unwrap(await client.call('containers.properties', target!)),
    enabled: target !== undefined,
    staleTime: 0,
  });
  return (
    <Dialog open={target !== undefined} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Container properties">
        <DialogBody>
          <DialogTitle>Properties of “{target?.container}”</DialogTitle>
          <DialogContent>
            {properties.isPending && <Spinner size="tiny" label="Reading properties…" />}
            {properties.error && <ErrorNotice error={properties.error} />}
            {properties.data && (
              <dl className={styles.facts}>
                {facts(properties.data).map(([label, value]) => (
                  <div key={label} style={{ display: 'contents' }}>
                    <dt>{label}</dt>
                    <dd className={styles.value}>{value}</dd>
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

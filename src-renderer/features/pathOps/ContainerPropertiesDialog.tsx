import { Spinner } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import type { ContainerProperties } from '../../../shared/contract/index.js';
import { useClient } from '../../api/hooks.js';
import { unwrap } from '../../api/lakeCallError.js';
import { DialogShell } from '../shell/DialogShell.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { FactList, type Fact } from '../shell/FactList.js';

const publicAccessText: Record<ContainerProperties['publicAccess'], string> = {
  none: 'Private (no anonymous access)',
  blob: 'Blob (anonymous read of blobs)',
  container: 'Container (anonymous read and list)',
};

/** The facts of a container, metadata last; ETag in monospace. */
function facts(p: ContainerProperties): Fact[] {
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
  return rows
    .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
    .map(([term, value]) => ({ term, value, mono: term === 'ETag' }));
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
  const client = useClient();
  const properties = useQuery({
    queryKey: ['containers.properties', target?.connectionId, target?.container],
    queryFn: async () => unwrap(await client.call('containers.properties', target!)),
    enabled: target !== undefined,
    staleTime: 0,
  });
  return (
    <DialogShell
      open={target !== undefined}
      onClose={onClose}
      label="Container properties"
      title={`Properties of “${target?.container ?? ''}”`}
    >
      {properties.isPending && <Spinner size="tiny" label="Reading properties…" />}
      {properties.error && <ErrorNotice error={properties.error} />}
      {properties.data && <FactList facts={facts(properties.data)} />}
    </DialogShell>
  );
}

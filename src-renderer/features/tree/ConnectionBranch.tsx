import { Tree, TreeItem, TreeItemLayout } from '@fluentui/react-components';
import { ArchiveRegular, CloudRegular, ServerRegular } from '@fluentui/react-icons';
import type { ConnectionSummary } from '../../../shared/contract/index.js';
import { useContainers } from '../../api/hooks.js';
import { treeValue } from '../shell/location.js';
import { DirectoryBranch, errorText } from './DirectoryBranch.js';
import { StatusItem } from './StatusItem.js';
import { useTreeState } from './treeContext.js';

/** A saved connection: opening it lists its containers. */
export function ConnectionBranch({ connection }: { connection: ConnectionSummary }) {
  const { openItems } = useTreeState();
  const value = treeValue.connection(connection.id);
  return (
    <TreeItem itemType="branch" value={value} aria-label={connection.name}>
      <TreeItemLayout
        iconBefore={
          connection.kind === 'emulator' ? (
            <ServerRegular aria-hidden />
          ) : (
            <CloudRegular aria-hidden />
          )
        }
      >
        {connection.name}
      </TreeItemLayout>
      {openItems.has(value) ? <Containers connection={connection} /> : null}
    </TreeItem>
  );
}

function Containers({ connection }: { connection: ConnectionSummary }) {
  const containers = useContainers(connection.id);
  return (
    <Tree>
      {containers.data?.map((c) => (
        <DirectoryBranch
          key={c.name}
          label={c.name}
          icon={<ArchiveRegular aria-hidden />}
          location={{
            connectionId: connection.id,
            connectionName: connection.name,
            container: c.name,
            directory: '',
          }}
        />
      ))}
      {containers.isPending && <StatusItem kind="loading" text="Loading…" />}
      {containers.data?.length === 0 && <StatusItem kind="empty" text="No containers" />}
      {containers.isError && <StatusItem kind="error" text={errorText(containers.error)} />}
    </Tree>
  );
}

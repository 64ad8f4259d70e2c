import { Tree, type TreeOpenChangeData } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ConnectionSummary } from '../../../shared/contract/index.js';
import type { BrowseLocation } from '../shell/location.js';
import { ConnectionBranch } from './ConnectionBranch.js';
import { TreeStateContext, type TreeState } from './treeContext.js';

/**
 * The tree of connections → containers → directories (role=tree "Storage"). Children load
 * when a branch opens. Clicking an item shows it in the file list; clicking the item already
 * shown, or its chevron, opens or closes it. A connection's context menu offers a new container
 * and removing the connection; a container's offers to delete it. Each connection shows whether
 * its account is ADLS Gen2 (hierarchical namespace) or flat Blob storage.
 */
export function StorageTree({
  connections,
  selectedValue,
  onSelect,
  onRemoveConnection,
  onDropFiles,
  onDropEntry,
  onNewContainer,
  onDeleteContainer,
}: {
  connections: ConnectionSummary[];
  selectedValue: string | undefined;
  onSelect: (location: BrowseLocation) => void;
  /** The user picked "Remove connection" on a connection item. */
  onRemoveConnection: (connection: { id: string; name: string }) => void;
  onDropFiles: TreeState['dropFiles'];
  onDropEntry: TreeState['dropEntry'];
  onNewContainer: TreeState['newContainer'];
  onDeleteContainer: TreeState['deleteContainer'];
}) {
  const [openItems, setOpenItems] = useState<ReadonlySet<string>>(new Set());
  const onOpenChange = (_: unknown, data: TreeOpenChangeData) => {
    const value = String(data.value);
    // A click that selects an already open item keeps it open: it only changes what is shown.
    if (data.type === 'Click' && !data.open && value !== selectedValue && value.includes('/'))
      return;
    setOpenItems(new Set([...data.openItems].map(String)));
  };
  const state = useMemo<TreeState>(
    () => ({
      openItems,
      selectedValue,
      select: onSelect,
      removeConnection: onRemoveConnection,
      dropFiles: onDropFiles,
      dropEntry: onDropEntry,
      newContainer: onNewContainer,
      deleteContainer: onDeleteContainer,
    }),
    [
      openItems,
      selectedValue,
      onSelect,
      onRemoveConnection,
      onDropFiles,
      onDropEntry,
      onNewContainer,
      onDeleteContainer,
    ],
  );
  return (
    <TreeStateContext.Provider value={state}>
      <Tree aria-label="Storage" openItems={openItems} onOpenChange={onOpenChange}>
        {connections.map((c) => (
          <ConnectionBranch key={c.id} connection={c} />
        ))}
      </Tree>
    </TreeStateContext.Provider>
  );
}

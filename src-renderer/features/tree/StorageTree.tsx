import { Tree, type TreeOpenChangeData } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { ConnectionSummary } from '../../../shared/contract/index.js';
import { locationValue, treeValuesTo, type Place } from '../shell/location.js';
import { useEntraAccounts } from '../../api/authHooks.js';
import { ConnectionBranch } from './ConnectionBranch.js';
import { SignedInBranch } from './SignedInBranch.js';
import { TreeStateContext, type TreeState } from './treeContext.js';

/**
 * The tree of connections → containers → directories (role=tree "Storage"). Children load
 * when a branch opens. Clicking an item shows it in the file list (a connection: its containers)
 * and opens it; a click never closes an item, its chevron and the arrow keys do. The tree
 * follows the place shown, wherever it was opened: the items down to it open and it is
 * highlighted (aria-selected) and scrolled into view. A connection's context menu offers a new
 * container and removing the connection; a container's offers to delete it; a folder's is the
 * file list's menu for that folder. Each connection shows whether its account is ADLS Gen2
 * (hierarchical namespace) or flat Blob storage; a folder whose listing showed no subfolders has
 * no chevron. Below the connections, each signed-in Microsoft Entra ID account lists its
 * tenants → subscriptions → storage accounts.
 */
export function StorageTree({
  connections,
  selected,
  onSelect,
  onFolderMenu,
  onRemoveConnection,
  onDropFiles,
  onDropEntry,
  onNewContainer,
  onDeleteContainer,
}: {
  connections: ConnectionSummary[];
  /** The place shown in the window. */
  selected: Place | undefined;
  onSelect: (place: Place) => void;
  onFolderMenu: TreeState['folderMenu'];
  /** The user picked "Remove connection" on a connection item. */
  onRemoveConnection: (connection: { id: string; name: string }) => void;
  onDropFiles: TreeState['dropFiles'];
  onDropEntry: TreeState['dropEntry'];
  onNewContainer: TreeState['newContainer'];
  onDeleteContainer: TreeState['deleteContainer'];
}) {
  const [openItems, setOpenItems] = useState<ReadonlySet<string>>(new Set());
  const signedIn = useEntraAccounts();
  const selectedValue = selected && locationValue(selected);
  // Wherever the place was opened (list, breadcrumbs, history), the items down to it open.
  const [followed, setFollowed] = useState<string>();
  if (selectedValue !== followed) {
    setFollowed(selectedValue);
    if (selected) setOpenItems(new Set([...openItems, ...treeValuesTo(selected)]));
  }
  const onOpenChange = (_: unknown, data: TreeOpenChangeData) => {
    // A click on an item shows it and opens it, never closes it (its chevron does).
    if (data.type === 'Click' && !data.open) return;
    setOpenItems(new Set([...data.openItems].map(String)));
  };
  const state = useMemo<TreeState>(
    () => ({
      openItems,
      selectedValue,
      select: onSelect,
      folderMenu: onFolderMenu,
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
      onFolderMenu,
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
        {signedIn.data?.map((a) => (
          <SignedInBranch key={a.id} account={a} />
        ))}
      </Tree>
    </TreeStateContext.Provider>
  );
}

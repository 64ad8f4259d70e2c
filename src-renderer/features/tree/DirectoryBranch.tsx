import {
  Menu,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tree,
  TreeItem,
  TreeItemLayout,
  tokens,
} from '@fluentui/react-components';
import { useState, type DragEvent, type ReactElement, type ReactNode } from 'react';
import { useDirectoryListing, useIsHns } from '../../api/hooks.js';
import { LakeCallError } from '../../api/lakeCallError.js';
import { droppedEntry, isEntryDrag } from '../pathOps/dragEntry.js';
import { FolderIcon } from '../pathOps/FolderIcon.js';
import { treeValue, type BrowseLocation } from '../shell/location.js';
import { collectDroppedFiles } from '../transfers/droppedFiles.js';
import { StatusItem } from './StatusItem.js';
import { useTreeState } from './treeContext.js';

const selectedStyle = {
  backgroundColor: tokens.colorSubtleBackgroundSelected,
  fontWeight: tokens.fontWeightSemibold,
};
/** A directory item files or rows are dragged over (they will upload or move into it). */
const dropStyle = { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' };

/**
 * A container or directory node: selecting it shows it in the file list; opening it lists its
 * subdirectories. Files dragged from the desktop upload into it; file list rows dragged onto it
 * move into it. With `menu`, those items open from its context menu (right-click, Shift+F10).
 */
export function DirectoryBranch({
  location,
  label,
  icon,
  menu,
}: {
  location: BrowseLocation;
  label: string;
  icon?: ReactElement;
  /** Menu items of its context menu. */
  menu?: ReactNode;
}) {
  const { openItems, selectedValue, select, dropFiles, dropEntry } = useTreeState();
  const hns = useIsHns(location.connectionId);
  const [dropping, setDropping] = useState(false);
  const value =
    location.directory === ''
      ? treeValue.container(location.connectionId, location.container)
      : treeValue.directory(location.connectionId, location.container, location.directory);
  const open = openItems.has(value);
  const accepts = (e: DragEvent) =>
    e.dataTransfer.types.includes('Files') || isEntryDrag(e.dataTransfer);
  const onDrop = (e: DragEvent) => {
    if (!accepts(e)) return;
    e.preventDefault();
    e.stopPropagation();
    setDropping(false);
    const entry = droppedEntry(e.dataTransfer);
    if (entry) return dropEntry(location, entry);
    const topLevel = [...e.dataTransfer.files];
    void collectDroppedFiles(e.dataTransfer).then((files) => dropFiles(location, files, topLevel));
  };
  const item = (
    <TreeItem
      itemType="branch"
      value={value}
      aria-label={label}
      onClick={(e) => {
        e.stopPropagation();
        select(location);
      }}
      // Its connection's context menu is for the connection item itself, not its subtree.
      onContextMenu={(e) => e.stopPropagation()}
    >
      <TreeItemLayout
        iconBefore={icon ?? <FolderIcon hns={hns} open={open} />}
        style={selectedValue === value ? selectedStyle : dropping ? dropStyle : undefined}
        onDragOver={(e) => {
          if (!accepts(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = isEntryDrag(e.dataTransfer) ? 'move' : 'copy';
          setDropping(true);
        }}
        onDragLeave={() => setDropping(false)}
        onDrop={onDrop}
      >
        {label}
      </TreeItemLayout>
      {open ? <Subdirectories location={location} /> : null}
    </TreeItem>
  );
  if (!menu) return item;
  return (
    <Menu openOnContext positioning="below-end">
      <MenuTrigger disableButtonEnhancement>{item}</MenuTrigger>
      <MenuPopover>
        <MenuList>{menu}</MenuList>
      </MenuPopover>
    </Menu>
  );
}

function Subdirectories({ location }: { location: BrowseLocation }) {
  const listing = useDirectoryListing(
    location.connectionId,
    location.container,
    location.directory,
  );
  const directories = listing.entries.filter((e) => e.kind === 'directory');
  return (
    <Tree>
      {directories.map((d) => (
        <DirectoryBranch
          key={d.path}
          location={{ ...location, directory: d.path }}
          label={d.name}
        />
      ))}
      {listing.isPending && <StatusItem kind="loading" text="Loading…" />}
      {listing.isError && <StatusItem kind="error" text={errorText(listing.error)} />}
    </Tree>
  );
}

/** An error as one line for a tree item: `Code: message`. */
export const errorText = (error: unknown): string =>
  error instanceof LakeCallError
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);

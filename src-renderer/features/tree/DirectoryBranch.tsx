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
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type DragEvent,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import { queryKeys, useDirectoryListing, useIsHns } from '../../api/hooks.js';
import { LakeCallError } from '../../api/lakeCallError.js';
import { droppedEntry, isEntryDrag } from '../pathOps/dragEntry.js';
import { FolderIcon } from '../pathOps/FolderIcon.js';
import { parentDirectory, treeValue, type BrowseLocation } from '../shell/location.js';
import { collectDroppedFiles } from '../transfers/droppedFiles.js';
import { StatusItem } from './StatusItem.js';
import { useTreeState } from './treeContext.js';

/** The style of the item shown in the window. */
export const selectedStyle = {
  backgroundColor: tokens.colorSubtleBackgroundSelected,
  fontWeight: tokens.fontWeightSemibold,
};
/** A directory item files or rows are dragged over (they will upload or move into it). */
const dropStyle = { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' };

/** One page of a directory listing as the query cache holds it. */
type ListingPage = { entries: PathEntry[]; continuationToken?: string };

/**
 * Whether a directory is known to have no subdirectories: its listing (fetched by the tree or
 * the file list, the same query) is complete and holds none. Reads the cache, never fetches.
 */
function useKnownLeaf(location: BrowseLocation): boolean {
  const queryClient = useQueryClient();
  const key = queryKeys.directory(location.connectionId, location.container, location.directory);
  const read = () => {
    const data = queryClient.getQueryData<InfiniteData<ListingPage>>(key);
    const last = data?.pages.at(-1);
    return (
      last !== undefined &&
      !last.continuationToken &&
      !data!.pages.some((p) => p.entries.some((e) => e.kind === 'directory'))
    );
  };
  const subscribe = useCallback(
    (onChange: () => void) => queryClient.getQueryCache().subscribe(onChange),
    [queryClient],
  );
  return useSyncExternalStore(subscribe, read);
}

/**
 * A container or directory node: selecting it shows it in the file list; opening it lists its
 * subdirectories (once that listing shows none, it has no chevron). It is highlighted and
 * scrolled into view while shown. Files dragged from the desktop upload into it; file list rows
 * dragged onto it move into it. With `menu`, those items open from its context menu
 * (right-click, Shift+F10); a directory with its `entry` opens the file list's menu for it.
 */
export function DirectoryBranch({
  location,
  label,
  icon,
  menu,
  entry,
}: {
  location: BrowseLocation;
  label: string;
  icon?: ReactElement;
  /** Menu items of its context menu. */
  menu?: ReactNode;
  /** The directory as its parent's listing gave it (for the file list's context menu). */
  entry?: PathEntry;
}) {
  const { openItems, selectedValue, select, dropFiles, dropEntry, folderMenu } = useTreeState();
  const hns = useIsHns(location.connectionId);
  const leaf = useKnownLeaf(location);
  const [dropping, setDropping] = useState(false);
  const layoutRef = useRef<HTMLDivElement>(null);
  const value =
    location.directory === ''
      ? treeValue.container(location.connectionId, location.container)
      : treeValue.directory(location.connectionId, location.container, location.directory);
  const open = openItems.has(value) && !leaf;
  const selected = selectedValue === value;
  useEffect(() => {
    if (selected) layoutRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const onContextMenu = (e: MouseEvent) => {
    // Its connection's context menu is for the connection item itself, not its subtree.
    e.stopPropagation();
    if (!entry || menu) return;
    e.preventDefault();
    const rect = layoutRef.current?.getBoundingClientRect();
    // Shift+F10 and the Menu key give no pointer position: open below the label.
    const fromKeyboard = e.clientX === 0 && e.clientY === 0;
    folderMenu(
      { ...location, directory: parentDirectory(location.directory) },
      entry,
      fromKeyboard && rect ? { x: rect.left + 24, y: rect.bottom } : { x: e.clientX, y: e.clientY },
    );
  };
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
      itemType={leaf ? 'leaf' : 'branch'}
      value={value}
      aria-label={label}
      aria-selected={selected}
      onClick={(e) => {
        e.stopPropagation();
        select(location);
      }}
      onContextMenu={onContextMenu}
    >
      <TreeItemLayout
        ref={layoutRef}
        iconBefore={icon ?? <FolderIcon hns={hns} open={open} />}
        style={selected ? selectedStyle : dropping ? dropStyle : undefined}
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
          entry={d}
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

import { Tree, TreeItem, TreeItemLayout, tokens } from '@fluentui/react-components';
import { FolderOpenRegular, FolderRegular } from '@fluentui/react-icons';
import { useState, type ReactElement } from 'react';
import { useDirectoryListing } from '../../api/hooks.js';
import { LakeCallError } from '../../api/lakeCallError.js';
import { treeValue, type BrowseLocation } from '../shell/location.js';
import { collectDroppedFiles } from '../transfers/droppedFiles.js';
import { StatusItem } from './StatusItem.js';
import { useTreeState } from './treeContext.js';

const selectedStyle = {
  backgroundColor: tokens.colorSubtleBackgroundSelected,
  fontWeight: tokens.fontWeightSemibold,
};
/** A directory item files are dragged over (they will upload into it). */
const dropStyle = { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' };

/** A container or directory node: selecting it shows it in the file list; opening it lists its subdirectories. */
export function DirectoryBranch({
  location,
  label,
  icon,
}: {
  location: BrowseLocation;
  label: string;
  icon?: ReactElement;
}) {
  const { openItems, selectedValue, select, dropFiles } = useTreeState();
  const [dropping, setDropping] = useState(false);
  const value =
    location.directory === ''
      ? treeValue.container(location.connectionId, location.container)
      : treeValue.directory(location.connectionId, location.container, location.directory);
  const open = openItems.has(value);
  return (
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
        iconBefore={
          icon ?? (open ? <FolderOpenRegular aria-hidden /> : <FolderRegular aria-hidden />)
        }
        style={selectedValue === value ? selectedStyle : dropping ? dropStyle : undefined}
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setDropping(true);
        }}
        onDragLeave={() => setDropping(false)}
        onDrop={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.stopPropagation();
          setDropping(false);
          const topLevel = [...e.dataTransfer.files];
          void collectDroppedFiles(e.dataTransfer).then((files) =>
            dropFiles(location, files, topLevel),
          );
        }}
      >
        {label}
      </TreeItemLayout>
      {open ? <Subdirectories location={location} /> : null}
    </TreeItem>
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

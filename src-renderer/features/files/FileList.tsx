import { Caption1, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { DocumentRegular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type Ref } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import { useDirectoryListing, useIsHns } from '../../api/hooks.js';
import { startEntryDrag } from '../pathOps/dragEntry.js';
import { FolderIcon } from '../pathOps/FolderIcon.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { parentDirectory, type BrowseLocation } from '../shell/location.js';
import { exactSize, formatSize } from './formatSize.js';
import { useListSelection, type SelectMode } from './listSelection.js';

const rowHeight = 32;
const columns = 'minmax(240px, 3fr) 110px 190px minmax(140px, 1fr)';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    minWidth: 0,
    flexGrow: 1,
    overflow: 'hidden',
  },
  summary: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    minHeight: '28px',
  },
  grid: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    flexGrow: 1,
    outline: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  row: {
    display: 'grid',
    gridTemplateColumns: columns,
    alignItems: 'center',
    height: `${rowHeight}px`,
    padding: `0 ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
    cursor: 'default',
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  body: { overflow: 'auto', flexGrow: 1, minHeight: 0, position: 'relative' },
  selected: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  cursor: { boxShadow: `inset 0 0 0 1px ${tokens.colorNeutralStroke1}` },
  cut: { opacity: 0.5 },
  cell: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  right: { justifyContent: 'flex-end', paddingRight: tokens.spacingHorizontalL },
  empty: { padding: tokens.spacingHorizontalXL },
});

const formatDate = (iso: string) => new Date(iso).toLocaleString();

/** A command the list's keys ask for; the owner carries it out on the selection. */
export type ListCommand = 'rename' | 'delete' | 'cut' | 'paste' | 'newFolder' | 'properties';

/** The command of a key press in the list, if it is one. */
const commandOf = (e: KeyboardEvent): ListCommand | undefined => {
  const ctrl = e.ctrlKey || e.metaKey;
  if (e.key === 'F2') return 'rename';
  if (e.key === 'Delete') return 'delete';
  if (e.key === 'Enter' && e.altKey) return 'properties';
  if (ctrl && e.shiftKey && e.key.toLowerCase() === 'n') return 'newFolder';
  if (ctrl && !e.shiftKey && e.key.toLowerCase() === 'x') return 'cut';
  if (ctrl && !e.shiftKey && e.key.toLowerCase() === 'v') return 'paste';
  return undefined;
};

/**
 * The entries of one directory as a virtualized grid (role=grid "Files"): only the rows in
 * view (plus a few) are in the DOM, whatever the folder's size. Arrow keys, Page Up/Down, Home
 * and End move the selection (with Shift they extend it; Ctrl+click toggles a row, Ctrl+A
 * selects all); Enter opens a directory; Backspace goes up; Space opens the
 * preview and Escape closes it. F2 (rename), Delete, Ctrl+X / Ctrl+V (cut and paste to move),
 * Ctrl+Shift+N (new folder) and Alt+Enter (properties) go to `onCommand`. Rows can be dragged
 * onto a directory of the tree to move them there.
 */
export function FileList({
  location,
  onOpen,
  onSelectEntry,
  onSelectionChange,
  onPreviewKey,
  onCommand,
  cutPaths,
  gridRef,
}: {
  location: BrowseLocation;
  onOpen: (location: BrowseLocation) => void;
  /** The entry under the cursor changed (undefined: none). */
  onSelectEntry: (entry: PathEntry | undefined) => void;
  /** Space (open the preview) or Escape (close it) pressed in the list. */
  /** The selected entries changed (Ctrl+click, Shift+click, Shift+arrows and Ctrl+A select several). */
  onSelectionChange: (entries: PathEntry[]) => void;
  onPreviewKey: (key: 'open' | 'close') => void;
  /** A command key pressed in the list, with the entry under the cursor and the selection. */
  onCommand: (command: ListCommand, entry: PathEntry | undefined, selection: PathEntry[]) => void;
  /** Paths cut (Ctrl+X) and waiting to be pasted, shown dimmed. */
  cutPaths: ReadonlySet<string>;
  /** The grid element, so focus can return to it after a dialog. */
  gridRef?: Ref<HTMLDivElement>;
}) {
  const styles = useStyles();
  const hns = useIsHns(location.connectionId);
  const listing = useDirectoryListing(
    location.connectionId,
    location.container,
    location.directory,
  );
  const entries = listing.entries;
  const bodyRef = useRef<HTMLDivElement>(null);
  const selection = useListSelection(
    entries,
    JSON.stringify([location.connectionId, location.container, location.directory]),
  );
  const selected = selection.cursor;
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });

  const selectedEntry = selected >= 0 ? entries[selected] : undefined;
  useEffect(() => onSelectEntry(selectedEntry), [selectedEntry, onSelectEntry]);
  const { selectedEntries } = selection;
  useEffect(() => onSelectionChange(selectedEntries), [selectedEntries, onSelectionChange]);

  const open = (entry: PathEntry | undefined) => {
    if (entry?.kind === 'directory') onOpen({ ...location, directory: entry.path });
  };
  const moveTo = (index: number, mode: SelectMode = 'only') => {
    if (entries.length === 0) return;
    const clamped = Math.max(0, Math.min(entries.length - 1, index));
    selection.select(clamped, mode);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const command = commandOf(e);
    if (command) {
      e.preventDefault();
      return onCommand(command, selectedEntry, selectedEntries);
    }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      return selection.selectAll();
    }
    const page = Math.max(
      1,
      Math.floor((bodyRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1,
    );
    const extend: SelectMode = e.shiftKey ? 'extend' : 'only';
    const moves: Record<string, () => void> = {
      ArrowDown: () => moveTo(selected + 1, extend),
      ArrowUp: () => moveTo(selected - 1, extend),
      PageDown: () => moveTo(selected + page, extend),
      PageUp: () => moveTo(selected - page, extend),
      Home: () => moveTo(0, extend),
      End: () => moveTo(entries.length - 1, extend),
      Enter: () => open(entries[selected]),
      Backspace: () =>
        location.directory !== '' &&
        onOpen({ ...location, directory: parentDirectory(location.directory) }),
      ' ': () => onPreviewKey('open'),
      Escape: () => onPreviewKey('close'),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      move();
    }
  };

  const count = `${entries.length.toLocaleString('en-US')} ${entries.length === 1 ? 'item' : 'items'}`;
  return (
    <div className={styles.root}>
      <div className={styles.summary}>
        <Caption1>{listing.complete ? count : `Loading… ${count} so far`}</Caption1>
        {!listing.complete && !listing.isError && <Spinner size="extra-tiny" aria-hidden />}
      </div>
      {listing.isError && <ErrorNotice error={listing.error} title="Could not list this folder" />}
      <div
        role="grid"
        aria-label="Files"
        aria-rowcount={entries.length + 1}
        aria-busy={!listing.complete}
        aria-multiselectable
        aria-activedescendant={selected >= 0 ? `file-row-${selected}` : undefined}
        tabIndex={0}
        ref={gridRef}
        className={styles.grid}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className={mergeClasses(styles.row, styles.header)}>
            <div role="columnheader">Name</div>
            <div role="columnheader" className={styles.right}>
              Size
            </div>
            <div role="columnheader">Modified</div>
            <div role="columnheader">Content type</div>
          </div>
        </div>
        <div role="rowgroup" ref={bodyRef} className={styles.body}>
          {listing.complete && entries.length === 0 && !listing.isError && (
            <div className={styles.empty}>This folder is empty</div>
          )}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const entry = entries[item.index]!;
              return (
                <div
                  key={entry.path}
                  id={`file-row-${item.index}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selection.paths.has(entry.path)}
                  className={mergeClasses(
                    styles.row,
                    selection.paths.has(entry.path) && styles.selected,
                    item.index === selected && styles.cursor,
                    cutPaths.has(entry.path) && styles.cut,
                  )}
                  draggable
                  onDragStart={(e) =>
                    startEntryDrag(e.dataTransfer, {
                      connectionId: location.connectionId,
                      container: location.container,
                      path: entry.path,
                      kind: entry.kind,
                    })
                  }
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                  }}
                  onClick={(e) =>
                    selection.select(
                      item.index,
                      e.shiftKey ? 'extend' : e.ctrlKey || e.metaKey ? 'toggle' : 'only',
                    )
                  }
                  onDoubleClick={() => open(entry)}
                >
                  <div role="gridcell" className={styles.cell} title={entry.path}>
                    {entry.kind === 'directory' ? (
                      <FolderIcon hns={hns} />
                    ) : (
                      <DocumentRegular aria-hidden />
                    )}
                    <span>{entry.name}</span>
                  </div>
                  {entry.kind === 'file' ? (
                    <>
                      <div
                        role="gridcell"
                        className={mergeClasses(styles.cell, styles.right)}
                        title={exactSize(entry.size)}
                      >
                        {formatSize(entry.size)}
                      </div>
                      <div role="gridcell" className={styles.cell}>
                        {formatDate(entry.lastModified)}
                      </div>
                      <div role="gridcell" className={styles.cell}>
                        {entry.contentType ?? ''}
                      </div>
                    </>
                  ) : (
                    <>
                      <div role="gridcell" />
                      <div role="gridcell" />
                      <div role="gridcell" className={styles.cell}>
                        Folder
                      </div>
                    </>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

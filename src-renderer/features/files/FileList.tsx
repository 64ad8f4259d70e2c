import { Caption1, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import { useDirectoryListing, useIsHns } from '../../api/hooks.js';
import type { DraggedEntry } from '../pathOps/dragEntry.js';
import type { MenuPoint } from '../pathOps/FileContextMenu.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { parentDirectory, type BrowseLocation } from '../shell/location.js';
import { FileRow, rowHeight, useRowStyles } from './FileRow.js';
import { useListSelection, type SelectMode } from './listSelection.js';

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
  header: {
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  body: { overflow: 'auto', flexGrow: 1, minHeight: 0, position: 'relative' },
  empty: { padding: tokens.spacingHorizontalXL },
});

/** A command the list's keys ask for; the owner carries it out on the selection. */
export type ListCommand =
  'rename' | 'delete' | 'cut' | 'copy' | 'paste' | 'newFolder' | 'properties';

/** The command of a key press in the list, if it is one. */
const commandOf = (e: KeyboardEvent): ListCommand | undefined => {
  const ctrl = e.ctrlKey || e.metaKey;
  if (e.key === 'F2') return 'rename';
  if (e.key === 'Delete') return 'delete';
  if (e.key === 'Enter' && e.altKey) return 'properties';
  if (ctrl && e.shiftKey && e.key.toLowerCase() === 'n') return 'newFolder';
  if (ctrl && !e.shiftKey && e.key.toLowerCase() === 'x') return 'cut';
  if (ctrl && !e.shiftKey && e.key.toLowerCase() === 'c') return 'copy';
  if (ctrl && !e.shiftKey && e.key.toLowerCase() === 'v') return 'paste';
  return undefined;
};

/**
 * The entries of one directory as a virtualized grid (role=grid "Files"): only the rows in
 * view (plus a few) are in the DOM, whatever the folder's size. Arrow keys, Page Up/Down, Home
 * and End move the selection (with Shift they extend it; Ctrl+click toggles a row, Ctrl+A
 * selects all); Enter opens a directory; Backspace goes up; Space opens the
 * preview and Escape closes it. F2 (rename), Delete, Ctrl+X / Ctrl+C / Ctrl+V (cut or copy, then
 * paste),
 * Ctrl+Shift+N (new folder) and Alt+Enter (properties) go to `onCommand`; right-click,
 * Shift+F10 and the Menu key ask for the context menu. Rows can be dragged onto a directory
 * row or a directory of the tree to move them there.
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
  onContextMenu,
  onDropEntry,
  reveal,
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
  /** Right-click on a row, Shift+F10 or the Menu key: open the context menu there. */
  onContextMenu: (point: MenuPoint) => void;
  /** A row dropped onto a directory row: move it into that directory. */
  onDropEntry: (into: BrowseLocation, dragged: DraggedEntry) => void;
  /** An entry to select and scroll to (a new object each time), e.g. what was just renamed. */
  reveal?: { path: string };
}) {
  const styles = useStyles();
  const rowStyles = useRowStyles();
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
  const [revealed, setRevealed] = useState(reveal);
  if (reveal !== revealed) {
    setRevealed(reveal);
    if (reveal) selection.selectPath(reveal.path);
  }
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const revealIndex = reveal && entries[selected]?.path === reveal.path ? selected : -1;
  useEffect(() => {
    if (revealIndex >= 0) virtualizer.scrollToIndex(revealIndex, { align: 'auto' });
  }, [revealIndex, virtualizer]);

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
    if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      e.preventDefault();
      const rect = document.getElementById(`file-row-${selected}`)?.getBoundingClientRect();
      const grid = e.currentTarget.getBoundingClientRect();
      return onContextMenu(
        rect ? { x: rect.left + 24, y: rect.bottom } : { x: grid.left, y: grid.top },
      );
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
          <div role="row" aria-rowindex={1} className={mergeClasses(rowStyles.row, styles.header)}>
            <div role="columnheader">Name</div>
            <div role="columnheader" className={rowStyles.right}>
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
                <FileRow
                  key={entry.path}
                  entry={entry}
                  index={item.index}
                  top={item.start}
                  source={location}
                  hns={hns}
                  selected={selection.paths.has(entry.path)}
                  cursor={item.index === selected}
                  cut={cutPaths.has(entry.path)}
                  onSelect={(mode) => selection.select(item.index, mode)}
                  onOpen={() => open(entry)}
                  onContextMenu={(point) => {
                    if (!selection.paths.has(entry.path)) selection.select(item.index, 'only');
                    onContextMenu(point);
                  }}
                  onDropEntry={(dragged) =>
                    onDropEntry({ ...location, directory: entry.path }, dragged)
                  }
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

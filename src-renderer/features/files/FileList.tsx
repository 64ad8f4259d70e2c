import {
  Caption1,
  SearchBox,
  Spinner,
  makeStyles,
  mergeClasses,
  tokens,
  useMergedRefs,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import { useDirectoryListing, useIsHns } from '../../api/hooks.js';
import type { DraggedEntry } from '../pathOps/dragEntry.js';
import type { MenuPoint } from '../pathOps/FileContextMenu.js';
import { UseAccountKeyOffer } from '../connections/UseAccountKeyOffer.js';
import { ErrorNotice } from '../shell/ErrorNotice.js';
import { pathCommandForKey } from '../shell/commandTable.js';
import { parentDirectory, type BrowseLocation } from '../shell/location.js';
import { gridTemplate, totalWidth } from './fileColumns.js';
import { FileListHeader } from './FileListHeader.js';
import { FileRow, rowHeight } from './FileRow.js';
import { useListSelection, type SelectMode } from './listSelection.js';
import {
  filterEntries,
  listSummary,
  nextSort,
  sortEntries,
  typeAheadIndex,
} from './sortEntries.js';
import { useFileListLayout } from './useFileListLayout.js';

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
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    minHeight: '28px',
  },
  count: { flexGrow: 1, minWidth: 0 },
  filter: { width: '220px', maxWidth: '100%' },
  // The grid is the one scroll box of header and rows, both ways, and takes the focus (so the
  // keyboard reaches what scrolls); the header row sticks to its top.
  grid: {
    minHeight: 0,
    minWidth: 0,
    flexGrow: 1,
    overflow: 'auto',
    position: 'relative',
    outline: 'none',
  },
  // The list has the focus but no row to show it on: a ring inside the grid's edge.
  gridRing: { boxShadow: `inset 0 0 0 2px ${tokens.colorStrokeFocus2}` },
  empty: { padding: tokens.spacingHorizontalXL, position: 'sticky', left: 0 },
});

/** A command the list's keys ask for; the owner carries it out on the selection. */
export type ListCommand =
  'rename' | 'delete' | 'cut' | 'copy' | 'paste' | 'newFolder' | 'properties';

/** The command of a key press in the list, if it is one. */
const commandOf = (e: KeyboardEvent): ListCommand | undefined => pathCommandForKey(e);

/**
 * The entries of one directory as a virtualized grid (role=grid "Files"): only the rows in
 * view (plus a few) are in the DOM, whatever the folder's size. Folders come first; a click (or
 * Enter/Space) on a column header sorts by it, again the other way; header edges resize the
 * columns; widths and sort are saved. The grid scrolls both ways with its header row. A filter
 * box keeps the loaded rows whose name holds its text. Arrow keys, Page Up/Down, Home
 * and End move the selection (with Shift they extend it; Ctrl+click toggles a row, Ctrl+A
 * selects all); typing letters selects the next name starting with them; Enter opens a
 * directory or a file's preview; Backspace goes up; Space opens the
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
  const hns = useIsHns(location.connectionId);
  const listing = useDirectoryListing(
    location.connectionId,
    location.container,
    location.directory,
  );
  const layout = useFileListLayout();
  const locationKey = JSON.stringify([
    location.connectionId,
    location.container,
    location.directory,
  ]);
  const [filterState, setFilterState] = useState({ key: locationKey, text: '' });
  const filter = filterState.key === locationKey ? filterState.text : '';
  const entries = useMemo(
    () => sortEntries(filterEntries(listing.entries, filter), layout.sort),
    [listing.entries, filter, layout.sort],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const ref = useMergedRefs(scrollRef, gridRef);
  const [focused, setFocused] = useState(false);
  const typed = useRef({ text: '', at: 0 });
  const selection = useListSelection(entries, locationKey);
  const selected = selection.cursor;
  const [revealed, setRevealed] = useState(reveal);
  if (reveal !== revealed) {
    setRevealed(reveal);
    if (reveal) selection.selectPath(reveal.path);
  }
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    // The rows start below the sticky header row, which also hides what scrolls under it.
    scrollMargin: rowHeight,
    scrollPaddingStart: rowHeight,
  });
  // Another folder starts at its top-left corner. (Braces: Chromium's scrollTo returns a
  // promise, which React would take for the effect's cleanup.)
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0, left: 0 });
  }, [locationKey]);
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
    else if (entry) onPreviewKey('open');
  };
  const moveTo = (index: number, mode: SelectMode = 'only') => {
    if (entries.length === 0) return;
    const clamped = Math.max(0, Math.min(entries.length - 1, index));
    selection.select(clamped, mode);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };
  /** Type-ahead: a letter typed within a second of the last one extends the name looked for. */
  const typeAhead = (e: KeyboardEvent): boolean => {
    const printable = e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey;
    const recent = e.timeStamp - typed.current.at < 1000 && typed.current.text !== '';
    if (!printable || (e.key === ' ' && !recent)) {
      typed.current.text = '';
      return false;
    }
    typed.current = { text: (recent ? typed.current.text : '') + e.key, at: e.timeStamp };
    const index = typeAheadIndex(entries, typed.current.text, selected);
    if (index >= 0) moveTo(index);
    return true;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    // Keys on the header's cells and handles are theirs.
    if (e.target !== e.currentTarget) return;
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
    if (typeAhead(e)) return e.preventDefault();
    const page = Math.max(
      1,
      Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 11) / rowHeight) - 2,
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

  const loaded = listing.entries.length;
  const template = gridTemplate(layout.widths);
  // The header's and rows' width: the columns plus the row's side padding.
  const contentWidth = totalWidth(layout.widths) + 24;
  return (
    <div className={styles.root}>
      <div className={styles.summary}>
        <Caption1 className={styles.count} aria-live="polite">
          {listSummary(loaded, listing.complete, entries.length, filter.trim() !== '')}
        </Caption1>
        {!listing.complete && !listing.isError && <Spinner size="extra-tiny" aria-hidden />}
        <SearchBox
          size="small"
          className={styles.filter}
          placeholder="Filter by name"
          aria-label="Filter this folder by name"
          value={filter}
          onChange={(_, data) => setFilterState({ key: locationKey, text: data.value })}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              scrollRef.current?.focus();
            }
          }}
        />
      </div>
      {listing.isError && (
        <>
          <ErrorNotice error={listing.error} title="Could not list this folder" />
          <UseAccountKeyOffer connectionId={location.connectionId} error={listing.error} />
        </>
      )}
      <div
        role="grid"
        aria-label="Files"
        aria-rowcount={entries.length + 1}
        aria-busy={!listing.complete}
        aria-multiselectable
        aria-activedescendant={selected >= 0 ? `file-row-${selected}` : undefined}
        tabIndex={0}
        ref={ref}
        className={mergeClasses(styles.grid, focused && selected < 0 && styles.gridRing)}
        onKeyDown={onKeyDown}
        onFocus={(e) => e.target === e.currentTarget && setFocused(true)}
        onBlur={(e) => e.target === e.currentTarget && setFocused(false)}
      >
        <div style={{ minWidth: contentWidth }}>
          <FileListHeader
            template={template}
            widths={layout.widths}
            sort={layout.sort}
            onSort={(column) => layout.setSort(nextSort(layout.sort, column))}
            onResize={layout.setWidth}
            onResizeEnd={layout.commitWidth}
          />
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {listing.complete && entries.length === 0 && !listing.isError && (
              <div className={styles.empty}>
                {loaded === 0
                  ? 'This folder is empty'
                  : 'No name in this folder matches the filter'}
              </div>
            )}
            {virtualizer.getVirtualItems().map((item) => {
              const entry = entries[item.index]!;
              return (
                <FileRow
                  key={entry.path}
                  entry={entry}
                  index={item.index}
                  top={item.start - rowHeight}
                  source={location}
                  hns={hns}
                  template={template}
                  selected={selection.paths.has(entry.path)}
                  cursor={item.index === selected}
                  focused={focused}
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

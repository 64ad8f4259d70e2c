import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { DocumentRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import {
  droppedEntry,
  isEntryDrag,
  startEntryDrag,
  type DraggedEntry,
} from '../pathOps/dragEntry.js';
import { FolderIcon } from '../pathOps/FolderIcon.js';
import type { MenuPoint } from '../pathOps/FileContextMenu.js';
import { exactSize, formatSize } from './formatSize.js';
import type { SelectMode } from './listSelection.js';

/** Height of a row in px (the virtualizer's estimate). */
export const rowHeight = 32;
const columns = 'minmax(240px, 3fr) 110px 190px minmax(140px, 1fr)';

/** Styles shared by the header row and the data rows. */
export const useRowStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: columns,
    alignItems: 'center',
    height: `${rowHeight}px`,
    padding: `0 ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
    cursor: 'default',
  },
  selected: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  cursor: { boxShadow: `inset 0 0 0 1px ${tokens.colorNeutralStroke1}` },
  cut: { opacity: 0.5 },
  dropTarget: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  cell: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  right: { justifyContent: 'flex-end', paddingRight: tokens.spacingHorizontalL },
});

const formatDate = (iso: string) => new Date(iso).toLocaleString();

/**
 * One entry of the file list, placed by the virtualizer at `top`. It can be dragged (to move
 * it onto a directory); a directory row accepts rows dropped on it.
 */
export function FileRow({
  entry,
  index,
  top,
  source,
  hns,
  selected,
  cursor,
  cut,
  onSelect,
  onOpen,
  onContextMenu,
  onDropEntry,
}: {
  entry: PathEntry;
  index: number;
  top: number;
  /** Where the row lives, for its drag data. */
  source: Pick<DraggedEntry, 'connectionId' | 'container'>;
  hns: boolean;
  selected: boolean;
  cursor: boolean;
  cut: boolean;
  onSelect: (mode: SelectMode) => void;
  onOpen: () => void;
  onContextMenu: (point: MenuPoint) => void;
  onDropEntry: (dragged: DraggedEntry) => void;
}) {
  const styles = useRowStyles();
  const [dropping, setDropping] = useState(false);
  const acceptsDrop = entry.kind === 'directory';
  return (
    <div
      id={`file-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={mergeClasses(
        styles.row,
        selected && styles.selected,
        cursor && styles.cursor,
        cut && styles.cut,
        dropping && styles.dropTarget,
      )}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${top}px)` }}
      draggable
      onDragStart={(e) =>
        startEntryDrag(e.dataTransfer, { ...source, path: entry.path, kind: entry.kind })
      }
      onDragOver={(e) => {
        if (!acceptsDrop || !isEntryDrag(e.dataTransfer)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        const dragged = acceptsDrop ? droppedEntry(e.dataTransfer) : undefined;
        if (!dragged) return;
        e.preventDefault();
        e.stopPropagation();
        setDropping(false);
        if (dragged.path !== entry.path) onDropEntry(dragged);
      }}
      onClick={(e) => onSelect(e.shiftKey ? 'extend' : e.ctrlKey || e.metaKey ? 'toggle' : 'only')}
      onDoubleClick={onOpen}
      onContextMenu={(e) => {
        e.preventDefault();
        onContextMenu({ x: e.clientX, y: e.clientY });
      }}
    >
      <div role="gridcell" className={styles.cell} title={entry.path}>
        {entry.kind === 'directory' ? <FolderIcon hns={hns} /> : <DocumentRegular aria-hidden />}
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
}

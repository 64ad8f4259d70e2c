import { Tooltip, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { DocumentRegular } from '@fluentui/react-icons';
import { useRef, useState, type ReactNode } from 'react';
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

/** Height of a row in px (the virtualizer's estimate, and the header's height). */
export const rowHeight = 32;

/** Styles shared by the header row and the data rows (their columns come from `gridTemplate`). */
export const useRowStyles = makeStyles({
  row: {
    display: 'grid',
    alignItems: 'center',
    height: `${rowHeight}px`,
    padding: `0 ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
    cursor: 'default',
  },
  // The brand fill stands out from the list at more than 3:1; its text is the on-brand one.
  // High contrast's brand fill is white, so there the selection colour is the theme's own
  // (cyan with black text, as in the tree).
  selected: {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    ':global(html[data-theme="highContrast"])': {
      backgroundColor: tokens.colorNeutralBackground1Selected,
      color: tokens.colorNeutralForeground1Selected,
    },
  },
  // Where the keys act while the list has focus: Fluent's two-tone focus ring, inside the row.
  focused: {
    boxShadow: `inset 0 0 0 2px ${tokens.colorStrokeFocus2}, inset 0 0 0 3px ${tokens.colorStrokeFocus1}`,
  },
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
  icon: { flexShrink: 0, display: 'inline-flex', fontSize: '16px' },
  text: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
});

/**
 * A cell's text cut with an ellipsis when it does not fit; then (only then) hovering it shows
 * the whole text in a tooltip.
 */
export function TruncatedText({ text, children }: { text: string; children?: ReactNode }) {
  const styles = useRowStyles();
  const ref = useRef<HTMLSpanElement>(null);
  const [visible, setVisible] = useState(false);
  return (
    <Tooltip
      content={text}
      relationship="description"
      positioning="below-start"
      visible={visible}
      onVisibleChange={(_, data) => {
        const el = ref.current;
        setVisible(data.visible && el !== null && el.scrollWidth > el.clientWidth);
      }}
    >
      <span ref={ref} className={styles.text}>
        {children ?? text}
      </span>
    </Tooltip>
  );
}

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
  template,
  selected,
  cursor,
  focused,
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
  /** The columns' CSS grid tracks (`gridTemplate`), shared with the header. */
  template: string;
  selected: boolean;
  /** The row the keys act on. */
  cursor: boolean;
  /** Whether the list has the keyboard focus (the cursor row then shows a focus ring). */
  focused: boolean;
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
        cursor && (focused ? styles.focused : styles.cursor),
        cut && styles.cut,
        dropping && styles.dropTarget,
      )}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        transform: `translateY(${top}px)`,
        gridTemplateColumns: template,
      }}
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
      <div role="gridcell" className={styles.cell}>
        <span className={styles.icon}>
          {entry.kind === 'directory' ? <FolderIcon hns={hns} /> : <DocumentRegular aria-hidden />}
        </span>
        <TruncatedText text={entry.name} />
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
            <TruncatedText text={formatDate(entry.lastModified)} />
          </div>
          <div role="gridcell" className={styles.cell}>
            <TruncatedText text={entry.contentType ?? ''} />
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

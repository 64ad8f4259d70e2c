import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular } from '@fluentui/react-icons';
import { useId, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { FileListColumn, FileListSort } from '../../../shared/contract/index.js';
import { columnSpecs, type ColumnSpec, type ColumnWidths } from './fileColumns.js';
import { rowHeight, useRowStyles } from './FileRow.js';

const useStyles = makeStyles({
  group: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    height: `${rowHeight}px`,
  },
  header: {
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  cell: {
    position: 'relative',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    height: '100%',
    minWidth: 0,
    paddingRight: tokens.spacingHorizontalS,
    boxSizing: 'border-box',
    cursor: 'pointer',
    outline: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
    ':focus-visible': { boxShadow: `inset 0 0 0 2px ${tokens.colorStrokeFocus2}` },
  },
  end: { justifyContent: 'flex-end', paddingRight: tokens.spacingHorizontalL },
  label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  arrow: { flexShrink: 0 },
  // The drag handle on a header's right edge: a thin line that turns brand on hover or focus.
  resizer: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    right: '-4px',
    width: '9px',
    zIndex: 1,
    cursor: 'col-resize',
    outline: 'none',
    touchAction: 'none',
    '::after': {
      content: '""',
      position: 'absolute',
      top: '6px',
      bottom: '6px',
      left: '4px',
      width: '1px',
      backgroundColor: tokens.colorNeutralStroke1,
    },
    ':hover::after': { backgroundColor: tokens.colorBrandStroke1, width: '3px', left: '3px' },
    ':focus-visible::after': {
      backgroundColor: tokens.colorStrokeFocus2,
      width: '3px',
      left: '3px',
      top: 0,
      bottom: 0,
    },
  },
});

/** Pixels a key press resizes a column by (with Shift, five times that). */
const keyStep = 10;

/**
 * The list's header row: a column header per column, each sorting the list on click, Enter or
 * Space (again: the other way; `aria-sort` says which), each with a handle on its right edge
 * that resizes the column by dragging or with the arrow keys (saved when let go).
 */
export function FileListHeader({
  template,
  widths,
  sort,
  onSort,
  onResize,
  onResizeEnd,
}: {
  template: string;
  widths: ColumnWidths;
  sort: FileListSort;
  onSort: (column: FileListColumn) => void;
  /** A width while dragging (shown, not saved). */
  onResize: (column: FileListColumn, width: number) => void;
  /** The width a drag or key press ends on (saved). */
  onResizeEnd: (column: FileListColumn, width: number) => void;
}) {
  const styles = useStyles();
  const rowStyles = useRowStyles();
  return (
    <div role="rowgroup" className={styles.group}>
      <div
        role="row"
        aria-rowindex={1}
        className={mergeClasses(rowStyles.row, styles.header)}
        style={{ gridTemplateColumns: template }}
      >
        {columnSpecs.map((spec) => (
          <HeaderCell
            key={spec.id}
            spec={spec}
            width={widths[spec.id]}
            sorted={sort.column === spec.id ? sort.direction : undefined}
            onSort={() => onSort(spec.id)}
            onResize={(w) => onResize(spec.id, w)}
            onResizeEnd={(w) => onResizeEnd(spec.id, w)}
            styles={styles}
          />
        ))}
      </div>
    </div>
  );
}

function HeaderCell({
  spec,
  width,
  sorted,
  onSort,
  onResize,
  onResizeEnd,
  styles,
}: {
  spec: ColumnSpec;
  width: number;
  sorted: FileListSort['direction'] | undefined;
  onSort: () => void;
  onResize: (width: number) => void;
  onResizeEnd: (width: number) => void;
  styles: ReturnType<typeof useStyles>;
}) {
  const labelId = useId();
  const drag = useRef<{ x: number; width: number; last: number }>(undefined);
  const cell = useRef<HTMLDivElement>(null);
  // What the column shows: Name may be wider than its width when the list has room to spare.
  const shownWidth = () => Math.round(cell.current?.getBoundingClientRect().width ?? width);
  const Arrow = sorted === 'descending' ? ArrowSortDownRegular : ArrowSortUpRegular;
  const onHeaderKey = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    // The grid's own keys (Enter opens, Space previews) do not apply here.
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      onSort();
    }
  };
  const onResizerKey = (e: KeyboardEvent) => {
    const step = (e.shiftKey ? 5 : 1) * keyStep;
    const delta = e.key === 'ArrowRight' ? step : e.key === 'ArrowLeft' ? -step : 0;
    if (delta !== 0 || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
    }
    if (delta !== 0) onResizeEnd(shownWidth() + delta);
    else if (e.key === 'Home') {
      e.preventDefault();
      e.stopPropagation();
      onResizeEnd(spec.defaultWidth);
    }
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    const from = shownWidth();
    drag.current = { x: e.clientX, width: from, last: from };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current.last = drag.current.width + e.clientX - drag.current.x;
    onResize(drag.current.last);
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    onResizeEnd(drag.current.last);
    drag.current = undefined;
  };
  return (
    <div
      ref={cell}
      role="columnheader"
      aria-sort={sorted ?? 'none'}
      aria-labelledby={labelId}
      tabIndex={0}
      className={mergeClasses(styles.cell, spec.align === 'end' && styles.end)}
      onClick={onSort}
      onKeyDown={onHeaderKey}
    >
      <span id={labelId} className={styles.label}>
        {spec.label}
      </span>
      {sorted && <Arrow aria-hidden className={styles.arrow} />}
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${spec.label}`}
        aria-valuenow={width}
        aria-valuemin={spec.minWidth}
        aria-valuemax={4000}
        tabIndex={0}
        className={styles.resizer}
        onClick={(e) => e.stopPropagation()}
        onDoubleClick={(e) => {
          e.stopPropagation();
          onResizeEnd(spec.defaultWidth);
        }}
        onKeyDown={onResizerKey}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      />
    </div>
  );
}

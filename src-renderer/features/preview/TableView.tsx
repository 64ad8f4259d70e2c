import {
  Button,
  Caption1,
  Input,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { TableColumn, TablePreview } from '../../../shared/contract/index.js';
import {
  inRange,
  isNumeric,
  rangeAsTsv,
  rangeBetween,
  showCell,
  typeLabel,
  type CellRange,
} from './cellFormat.js';
import { fitColumnWidths, resizeBounds, resizedWidth, type MeasureText } from './columnWidths.js';
import { visibleRows, type SortState } from './sortRows.js';

const rowHeight = 28;
const headHeight = 44;
/** Horizontal padding of a cell plus room for the resize handle, in px. */
const cellPadding = 2 * 8 + 8;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    flexGrow: 1,
    gap: tokens.spacingVerticalXS,
  },
  status: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  scroller: {
    overflow: 'auto',
    flexGrow: 1,
    minHeight: 0,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  grid: { userSelect: 'none' },
  row: {
    display: 'flex',
    height: `${rowHeight}px`,
    alignItems: 'center',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  head: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    height: `${headHeight}px`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  cell: {
    flex: '0 0 auto',
    boxSizing: 'border-box',
    height: '100%',
    display: 'flex',
    alignItems: 'center',
    padding: `0 ${tokens.spacingHorizontalS}`,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    cursor: 'cell',
  },
  cellText: { overflow: 'hidden', textOverflow: 'ellipsis', width: '100%' },
  numeric: { textAlign: 'right' },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorNeutralForeground1,
  },
  null: { color: tokens.colorNeutralForeground4, fontStyle: 'italic' },
  headCell: { position: 'relative', cursor: 'default', fontFamily: tokens.fontFamilyBase },
  headButton: {
    background: 'none',
    border: 'none',
    padding: 0,
    font: 'inherit',
    color: 'inherit',
    textAlign: 'inherit',
    cursor: 'pointer',
    width: '100%',
    overflow: 'hidden',
    display: 'flex',
    flexDirection: 'column',
  },
  headName: {
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    width: '100%',
  },
  headType: {
    fontSize: tokens.fontSizeBase100,
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    width: '100%',
  },
  resizer: {
    position: 'absolute',
    top: 0,
    right: 0,
    width: '8px',
    height: '100%',
    cursor: 'col-resize',
    touchAction: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralStroke1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

/** Text widths from a canvas in the fonts the table uses (read from the Fluent theme's CSS variables at `el`). */
function canvasMeasure(el: HTMLElement | null): MeasureText {
  const ctx = document.createElement('canvas').getContext('2d');
  const style = el ? getComputedStyle(el) : undefined;
  const mono = style?.getPropertyValue('--fontFamilyMonospace').trim() || 'monospace';
  const base = style?.getPropertyValue('--fontFamilyBase').trim() || 'sans-serif';
  const fonts = { cell: `12px ${mono}`, name: `600 12px ${base}`, type: `10px ${base}` };
  return (text, kind) => {
    if (!ctx) return text.length * 7.5;
    ctx.font = fonts[kind];
    // The name gets room for the sort mark.
    return ctx.measureText(text).width + (kind === 'name' ? 14 : 0);
  };
}

/** A header cell: name and type (click sorts), and a handle that resizes the column (drag, or arrow keys). */
function ColumnHeader({
  column,
  width,
  sort,
  onSort,
  onResize,
}: {
  column: TableColumn;
  width: number;
  sort: 'ascending' | 'descending' | undefined;
  onSort: () => void;
  onResize: (width: number) => void;
}) {
  const styles = useStyles();
  const drag = useRef<{ x: number; width: number }>(undefined);
  const details = [column.type, column.physicalType, column.logicalType].filter(Boolean);
  return (
    <div
      role="columnheader"
      className={mergeClasses(styles.cell, styles.headCell, isNumeric(column) && styles.numeric)}
      style={{ width }}
      aria-sort={sort ?? 'none'}
      title={[...new Set(details)].join(' · ') + (column.nullable ? ' · nullable' : '')}
    >
      <button type="button" className={styles.headButton} onClick={onSort}>
        <span className={styles.headName}>
          {column.name}
          {sort ? (sort === 'ascending' ? ' ▲' : ' ▼') : ''}
        </span>
        <span className={styles.headType}>{typeLabel(column)}</span>
      </button>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize column ${column.name}`}
        aria-valuenow={width}
        aria-valuemin={resizeBounds.min}
        aria-valuemax={resizeBounds.max}
        tabIndex={0}
        className={styles.resizer}
        onClick={(e) => e.stopPropagation()}
        onPointerDown={(e) => {
          e.preventDefault();
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, width };
        }}
        onPointerMove={(e) => {
          if (drag.current) onResize(drag.current.width + e.clientX - drag.current.x);
        }}
        onPointerUp={() => (drag.current = undefined)}
        onKeyDown={(e) => {
          const step = e.shiftKey ? 50 : 10;
          if (e.key === 'ArrowLeft') onResize(width - step);
          else if (e.key === 'ArrowRight') onResize(width + step);
          else return;
          e.preventDefault();
        }}
      />
    </div>
  );
}

/**
 * A table preview: sort by a column (click its header: ascending, descending, off), filter
 * rows by text, columns sized to their content (60–400 px) and resizable by their header's
 * edge, the type under each name, numbers right-aligned, nulls muted, dates and timestamps as
 * local dates. Click selects a cell and Shift-click a range; Ctrl+C (or Copy) copies the
 * selection as TSV, and nothing is copied by a click alone. Virtualized rows.
 */
export function TableView({ preview }: { preview: TablePreview }) {
  const styles = useStyles();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState>();
  const [message, setMessage] = useState('');
  const [anchor, setAnchor] = useState<{ row: number; column: number }>();
  const [range, setRange] = useState<CellRange>();
  const scrollRef = useRef<HTMLDivElement>(null);
  const types = useMemo(() => preview.columns.map((c) => c.type), [preview.columns]);
  const order = useMemo(
    () => visibleRows(preview.rows, types, filter, sort),
    [preview.rows, types, filter, sort],
  );
  const shownColumns = useMemo(
    () =>
      preview.parquet ? preview.columns.slice(0, preview.parquet.columnsWithRows) : preview.columns,
    [preview.columns, preview.parquet],
  );
  const [widths, setWidths] = useState<number[]>([]);
  useEffect(() => {
    setWidths(
      fitColumnWidths(shownColumns, preview.rows, canvasMeasure(scrollRef.current), cellPadding),
    );
  }, [shownColumns, preview.rows]);
  // A new filter or sort moves rows: the selection no longer names the same cells.
  useEffect(() => {
    setAnchor(undefined);
    setRange(undefined);
  }, [order]);
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const widthOf = (i: number) => widths[i] ?? 160;
  const totalWidth = shownColumns.reduce((sum, _, i) => sum + widthOf(i), 0);

  const nextSort = (column: number) =>
    setSort((s) =>
      s?.column !== column
        ? { column, direction: 'ascending' }
        : s.direction === 'ascending'
          ? { column, direction: 'descending' }
          : undefined,
    );
  const resize = (column: number, width: number) =>
    setWidths((w) => w.map((x, i) => (i === column ? resizedWidth(width) : x)));
  const select = (e: MouseEvent, row: number, column: number) => {
    if (e.shiftKey && anchor) {
      e.preventDefault();
      setRange(rangeBetween(anchor, { row, column }));
    } else {
      setAnchor({ row, column });
      setRange(rangeBetween({ row, column }, { row, column }));
    }
    scrollRef.current?.focus({ preventScroll: true });
  };
  const copySelection = useCallback(() => {
    if (!range) return;
    const text = rangeAsTsv(range, preview.rows, order, shownColumns);
    const rows = range.rows[1] - range.rows[0] + 1;
    const cols = range.columns[1] - range.columns[0] + 1;
    const what = rows * cols === 1 ? 'the cell' : `${rows} × ${cols} cells`;
    void navigator.clipboard?.writeText(text).then(
      () => setMessage(`Copied ${what}.`),
      () => setMessage('Copy is not allowed here.'),
    );
  }, [range, preview.rows, order, shownColumns]);
  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && range) {
      e.preventDefault();
      copySelection();
    } else if (e.key === 'Escape' && range) {
      e.stopPropagation();
      setRange(undefined);
      setAnchor(undefined);
    }
  };

  return (
    <div className={styles.root}>
      <Input
        aria-label="Filter rows"
        placeholder="Filter rows"
        value={filter}
        onChange={(_, d) => setFilter(d.value)}
        size="small"
      />
      <div className={styles.status}>
        <Caption1 aria-live="polite">
          {order.length.toLocaleString('en-US')} of {preview.rows.length.toLocaleString('en-US')}{' '}
          rows shown
          {preview.totalRows !== undefined
            ? ` · ${preview.totalRows.toLocaleString('en-US')} in the file`
            : ''}{' '}
          {message}
        </Caption1>
        <Button
          size="small"
          appearance="subtle"
          icon={<CopyRegular />}
          disabled={!range}
          onClick={copySelection}
          title="Copy the selected cells as tab-separated values (Ctrl+C)"
        >
          Copy
        </Button>
      </div>
      <div ref={scrollRef} className={styles.scroller} tabIndex={0} onKeyDown={onKeyDown}>
        <div
          role="grid"
          aria-label="Preview table"
          aria-rowcount={order.length + 1}
          aria-colcount={shownColumns.length}
          aria-multiselectable
          className={styles.grid}
          style={{ width: `${totalWidth}px`, minWidth: '100%' }}
        >
          <div role="row" className={mergeClasses(styles.row, styles.head)} aria-rowindex={1}>
            {shownColumns.map((c, i) => (
              <ColumnHeader
                key={`${i}-${c.name}`}
                column={c}
                width={widthOf(i)}
                sort={sort?.column === i ? sort.direction : undefined}
                onSort={() => nextSort(i)}
                onResize={(w) => resize(i, w)}
              />
            ))}
          </div>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = preview.rows[order[v.index]!]!;
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 2}
                  className={styles.row}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${v.start}px)`,
                  }}
                >
                  {shownColumns.map((column, i) => {
                    const shown = showCell(row[i], column);
                    const selected = inRange(range, v.index, i);
                    return (
                      <div
                        key={i}
                        role="gridcell"
                        aria-selected={selected}
                        className={mergeClasses(
                          styles.cell,
                          isNumeric(column) && styles.numeric,
                          selected && styles.selected,
                        )}
                        style={{ width: widthOf(i) }}
                        title={shown.isNull ? 'null' : shown.text}
                        onMouseDown={(e) => select(e, v.index, i)}
                      >
                        <span
                          className={mergeClasses(styles.cellText, shown.isNull && styles.null)}
                        >
                          {shown.text}
                        </span>
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

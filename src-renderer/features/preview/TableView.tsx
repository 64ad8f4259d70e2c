import { Caption1, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { Cell, TablePreview } from '../../../shared/contract/index.js';
import { visibleRows, type SortState } from './sortRows.js';

const rowHeight = 28;
const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    flexGrow: 1,
    gap: tokens.spacingVerticalXS,
  },
  scroller: {
    overflow: 'auto',
    flexGrow: 1,
    minHeight: 0,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
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
    backgroundColor: tokens.colorNeutralBackground2,
    fontWeight: tokens.fontWeightSemibold,
  },
  cell: {
    flex: '0 0 160px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  headButton: {
    background: 'none',
    border: 'none',
    padding: 0,
    font: 'inherit',
    color: 'inherit',
    textAlign: 'left',
    cursor: 'pointer',
    width: '100%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
});

const show = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c));

/**
 * A table preview: sort by a column (click its header: ascending, descending, off), filter
 * rows by text, copy a cell (click) or a row (double-click, tab-separated). Virtualized rows.
 */
export function TableView({ preview }: { preview: TablePreview }) {
  const styles = useStyles();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState>();
  const [copied, setCopied] = useState('');
  const scrollRef = useRef<HTMLDivElement>(null);
  const types = useMemo(() => preview.columns.map((c) => c.type), [preview.columns]);
  const order = useMemo(
    () => visibleRows(preview.rows, types, filter, sort),
    [preview.rows, types, filter, sort],
  );
  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const shownColumns = preview.parquet
    ? preview.columns.slice(0, preview.parquet.columnsWithRows)
    : preview.columns;

  const nextSort = (column: number) =>
    setSort((s) =>
      s?.column !== column
        ? { column, direction: 'ascending' }
        : s.direction === 'ascending'
          ? { column, direction: 'descending' }
          : undefined,
    );
  const copy = (text: string, what: string) =>
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(`Copied ${what}.`),
      () => setCopied('Copy is not allowed here.'),
    );

  return (
    <div className={styles.root}>
      <Input
        aria-label="Filter rows"
        placeholder="Filter rows"
        value={filter}
        onChange={(_, d) => setFilter(d.value)}
        size="small"
      />
      <Caption1 aria-live="polite">
        {order.length.toLocaleString('en-US')} of {preview.rows.length.toLocaleString('en-US')} rows
        shown
        {preview.totalRows !== undefined
          ? ` · ${preview.totalRows.toLocaleString('en-US')} in the file`
          : ''}{' '}
        {copied}
      </Caption1>
      <div ref={scrollRef} className={styles.scroller}>
        <div
          role="table"
          aria-label="Preview table"
          aria-rowcount={order.length + 1}
          style={{ minWidth: `${shownColumns.length * 160}px` }}
        >
          <div role="row" className={`${styles.row} ${styles.head}`} aria-rowindex={1}>
            {shownColumns.map((c, i) => (
              <div
                key={`${i}-${c.name}`}
                role="columnheader"
                className={styles.cell}
                aria-sort={sort?.column === i ? sort.direction : 'none'}
                title={[c.type, c.physicalType, c.logicalType].filter(Boolean).join(' · ')}
              >
                <button type="button" className={styles.headButton} onClick={() => nextSort(i)}>
                  {c.name}
                  {sort?.column === i ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                </button>
              </div>
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
                  onDoubleClick={() => copy(row.map(show).join('\t'), 'the row')}
                >
                  {shownColumns.map((_, i) => (
                    <div
                      key={i}
                      role="cell"
                      className={styles.cell}
                      title={show(row[i])}
                      onClick={() => copy(show(row[i]), 'the cell')}
                    >
                      {show(row[i])}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

import type { Cell, ColumnType } from '../../../shared/contract/index.js';

/** Sort direction of a column in the preview table. */
export type SortState = { column: number; direction: 'ascending' | 'descending' } | undefined;

const asNumber = (c: Cell): number => (typeof c === 'number' ? c : Number(c));
const asTime = (c: Cell): number => new Date(String(c)).getTime();

const isEmpty = (c: Cell): boolean => c === null || c === '';

/** Compares two non-empty cells of a column of `type`. */
export function compareCells(a: Cell, b: Cell, type: ColumnType): number {
  if (type === 'number') return asNumber(a) - asNumber(b);
  if (type === 'date' || type === 'timestamp') return asTime(a) - asTime(b);
  if (type === 'boolean')
    return Number(a === true || a === 'true') - Number(b === true || b === 'true');
  return String(a).localeCompare(String(b));
}

/**
 * The rows kept by `filter` (case-insensitive substring of any cell), sorted by `sort`
 * (stable; the file's order when unsorted). Returns indexes into `rows`.
 */
export function visibleRows(
  rows: Cell[][],
  types: ColumnType[],
  filter: string,
  sort: SortState,
): number[] {
  const needle = filter.trim().toLowerCase();
  const kept = rows.flatMap((row, i) =>
    !needle || row.some((c) => c !== null && String(c).toLowerCase().includes(needle)) ? [i] : [],
  );
  if (!sort) return kept;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const type = types[sort.column] ?? 'text';
  const cell = (r: number): Cell => rows[r]![sort.column] ?? null;
  // Empty cells sort last whichever the direction.
  return kept.sort((x, y) => {
    const ex = isEmpty(cell(x));
    const ey = isEmpty(cell(y));
    if (ex || ey) return ex === ey ? x - y : ex ? 1 : -1;
    return sign * compareCells(cell(x), cell(y), type) || x - y;
  });
}

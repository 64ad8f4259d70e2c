import type { Cell, TableColumn } from '../../../shared/contract/index.js';

/** A cell as the table shows it: its text, and whether it stands for a null (shown muted). */
export interface ShownCell {
  text: string;
  isNull: boolean;
}

const dayOnly = /^\d{4}-\d{2}-\d{2}$/;
const isoStart = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `date` as a local date-time `YYYY-MM-DD HH:mm:ss`, with `.SSS` only when the milliseconds are
 * not zero (sortable, unambiguous, and what a spreadsheet reads back).
 */
export function localDateTime(date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const ms = date.getMilliseconds();
  return `${day} ${time}${ms ? `.${pad(ms, 3)}` : ''}`;
}

/**
 * The text of a timestamp cell: an ISO date-time with a zone in local time; one without a
 * zone (a wall-clock time) as written, in the same shape; a day alone as it is; a number as
 * epoch milliseconds; anything unparsable as it is.
 */
function timestampText(cell: string | number): string {
  if (typeof cell === 'number') return localDateTime(new Date(cell));
  const s = cell.trim();
  if (dayOnly.test(s) || !isoStart.test(s)) return cell;
  // Without a zone, Date reads an ISO date-time as local time: the wall clock is kept.
  const date = new Date(s.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? cell : localDateTime(date);
}

/**
 * How one cell of `column` shows: null (and a missing cell) as a muted `null`; a `date` as its
 * day `YYYY-MM-DD`; a `timestamp` as a local date-time (see `localDateTime`); anything else as
 * its text. CSV fields are text, so an empty field stays empty (it is not a null).
 */
export function showCell(cell: Cell | undefined, column: TableColumn | undefined): ShownCell {
  if (cell === null || cell === undefined) return { text: 'null', isNull: true };
  if (column?.type === 'date' && typeof cell === 'string' && isoStart.test(cell.trim())) {
    return { text: cell.trim().slice(0, 10), isNull: false };
  }
  if (column?.type === 'timestamp' && (typeof cell === 'string' || typeof cell === 'number')) {
    return { text: timestampText(cell), isNull: false };
  }
  return { text: String(cell), isNull: false };
}

/** Whether a column's values are right-aligned (numbers). */
export const isNumeric = (column: TableColumn | undefined): boolean => column?.type === 'number';

/**
 * The type shown under a column's name: the format's own type (Parquet logical or physical
 * type, Avro logical type or type name, Delta type), else the inferred display type (CSV,
 * NDJSON); timestamps add that they are shown in local time.
 */
export function typeLabel(column: TableColumn): string {
  const own = column.logicalType ?? column.physicalType ?? column.type;
  return column.type === 'timestamp' ? `${own} · local` : own;
}

/** A cell's text for TSV: tabs and line breaks become spaces, a null is empty. */
const tsvField = (shown: ShownCell): string =>
  shown.isNull ? '' : shown.text.replace(/[\t\r\n]+/g, ' ');

/** A rectangle of the table by view positions (rows as shown, after filter and sort). */
export interface CellRange {
  rows: [number, number];
  columns: [number, number];
}

/** The rectangle between two cells, corners in any order. */
export function rangeBetween(
  a: { row: number; column: number },
  b: { row: number; column: number },
): CellRange {
  return {
    rows: [Math.min(a.row, b.row), Math.max(a.row, b.row)],
    columns: [Math.min(a.column, b.column), Math.max(a.column, b.column)],
  };
}

/** Whether view cell (`row`, `column`) is inside `range`. */
export const inRange = (range: CellRange | undefined, row: number, column: number): boolean =>
  !!range &&
  row >= range.rows[0] &&
  row <= range.rows[1] &&
  column >= range.columns[0] &&
  column <= range.columns[1];

/**
 * `range` as tab-separated values, one line per row, cells as the table shows them (nulls
 * empty). `order` maps view rows to indexes into `rows`.
 */
export function rangeAsTsv(
  range: CellRange,
  rows: Cell[][],
  order: readonly number[],
  columns: readonly TableColumn[],
): string {
  const lines: string[] = [];
  for (let r = range.rows[0]; r <= range.rows[1]; r++) {
    const row = rows[order[r] ?? -1];
    if (!row) continue;
    const fields: string[] = [];
    for (let c = range.columns[0]; c <= range.columns[1]; c++) {
      fields.push(tsvField(showCell(row[c], columns[c])));
    }
    lines.push(fields.join('\t'));
  }
  return lines.join('\n');
}

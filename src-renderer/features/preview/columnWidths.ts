import type { Cell, TableColumn } from '../../../shared/contract/index.js';
import { showCell, typeLabel } from './cellFormat.js';

/** Narrowest and widest a column is sized to its content. */
export const columnWidthBounds = { min: 60, max: 400 } as const;

/** Rows measured to size the columns (the first ones). */
export const measuredRows = 50;

/** Text widths in px: a cell value, a header name (with room for the sort mark) or a type label. */
export type MeasureText = (text: string, kind: 'cell' | 'name' | 'type') => number;

/**
 * Column widths in px fitted to their content: the widest of the header name, the type label
 * and the first `measuredRows` cells as shown, plus `padding`, within `columnWidthBounds`.
 */
export function fitColumnWidths(
  columns: readonly TableColumn[],
  rows: readonly Cell[][],
  measure: MeasureText,
  padding: number,
): number[] {
  const sample = rows.slice(0, measuredRows);
  return columns.map((column, c) => {
    let widest = Math.max(measure(column.name, 'name'), measure(typeLabel(column), 'type'));
    for (const row of sample)
      widest = Math.max(widest, measure(showCell(row[c], column).text, 'cell'));
    return clampWidth(Math.ceil(widest + padding));
  });
}

/** `width` within `columnWidthBounds`. */
export const clampWidth = (width: number): number =>
  Math.min(columnWidthBounds.max, Math.max(columnWidthBounds.min, Math.round(width)));

/** Narrowest and widest a user may drag a column. */
export const resizeBounds = { min: 40, max: 2000 } as const;

/** A width the user dragged to, within `resizeBounds`. */
export const resizedWidth = (width: number): number =>
  Math.min(resizeBounds.max, Math.max(resizeBounds.min, Math.round(width)));

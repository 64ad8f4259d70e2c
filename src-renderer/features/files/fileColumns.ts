import type { FileListColumn } from '../../../shared/contract/index.js';

/** One column of the file list: its header label, default and least width, alignment. */
export interface ColumnSpec {
  id: FileListColumn;
  label: string;
  defaultWidth: number;
  minWidth: number;
  align: 'start' | 'end';
}

/** The file list's columns in display order. */
export const columnSpecs: readonly ColumnSpec[] = [
  { id: 'name', label: 'Name', defaultWidth: 360, minWidth: 120, align: 'start' },
  { id: 'size', label: 'Size', defaultWidth: 110, minWidth: 60, align: 'end' },
  { id: 'modified', label: 'Modified', defaultWidth: 190, minWidth: 80, align: 'start' },
  { id: 'contentType', label: 'Content type', defaultWidth: 180, minWidth: 80, align: 'start' },
];

/** Column widths in px, every column present. */
export type ColumnWidths = Record<FileListColumn, number>;

/** A width kept within the column's bounds (its minimum, 4,000 px), in whole pixels. */
export const clampWidth = (column: FileListColumn, width: number): number => {
  const spec = columnSpecs.find((c) => c.id === column)!;
  return Math.round(Math.max(spec.minWidth, Math.min(4000, width)));
};

/** The saved widths over the defaults, each clamped. */
export const resolveWidths = (saved: Partial<Record<FileListColumn, number>> = {}): ColumnWidths =>
  Object.fromEntries(
    columnSpecs.map((c) => [c.id, clampWidth(c.id, saved[c.id] ?? c.defaultWidth)]),
  ) as ColumnWidths;

/**
 * The CSS grid tracks of a row, shared by header and rows so they line up: Name at least its
 * width and taking the room the others leave (a wide window widens Name, not an empty track),
 * each other column at its width.
 */
export const gridTemplate = (widths: ColumnWidths): string =>
  columnSpecs
    .map((c) => (c.id === 'name' ? `minmax(${widths.name}px, 1fr)` : `${widths[c.id]}px`))
    .join(' ');

/** The width all columns need side by side, in px. */
export const totalWidth = (widths: ColumnWidths): number =>
  columnSpecs.reduce((sum, c) => sum + widths[c.id], 0);

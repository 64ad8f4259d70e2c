import type { PathRef } from '../../../shared/contract/index.js';

/** The drag data type of a file list row; drops from the desktop carry `Files` instead. */
const entryDragType = 'application/x-lakeshore-entry';

/** A row being dragged: where it lives and what it is. */
export interface DraggedEntry extends PathRef {
  connectionId: string;
  container: string;
}

/** Puts a row on a drag (a move when dropped on a directory of the same container). */
export function startEntryDrag(data: DataTransfer, entry: DraggedEntry): void {
  data.setData(entryDragType, JSON.stringify(entry));
  data.setData('text/plain', entry.path);
  data.effectAllowed = 'move';
}

/** Whether a drag carries a file list row (readable during dragover, unlike the data). */
export const isEntryDrag = (data: DataTransfer): boolean => data.types.includes(entryDragType);

/** The row a drop carries, or undefined when it carries none. */
export function droppedEntry(data: DataTransfer): DraggedEntry | undefined {
  const text = data.getData(entryDragType);
  if (!text) return undefined;
  const value = JSON.parse(text) as DraggedEntry;
  return typeof value.path === 'string' && typeof value.container === 'string' ? value : undefined;
}

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

/**
 * The row whose drag the desktop app handed to the OS as a native file drag (`paths.dragOut`):
 * dropped back into the window it carries only the downloaded files, so until the pointer
 * moves with no button held a drop carrying a file of the row's name still counts as that row
 * (a drop on a folder moves it, a drop on the list uploads nothing).
 */
let nativeDrag: DraggedEntry | undefined;
let clearOnMove: (() => void) | undefined;

/** Marks `entry` as dragged natively (see `nativeDrag`). */
export function beginNativeEntryDrag(entry: DraggedEntry): void {
  clearOnMove?.();
  nativeDrag = entry;
  const clear = (e: MouseEvent) => {
    if (e.buttons !== 0) return;
    nativeDrag = undefined;
    window.removeEventListener('mousemove', clear, true);
    clearOnMove = undefined;
  };
  clearOnMove = () => window.removeEventListener('mousemove', clear, true);
  window.addEventListener('mousemove', clear, true);
}

/** Whether a drag carries a file list row (readable during dragover, unlike the data). */
export const isEntryDrag = (data: DataTransfer): boolean =>
  data.types.includes(entryDragType) || (nativeDrag !== undefined && data.types.includes('Files'));

/** The row a drop carries, or undefined when it carries none. */
export function droppedEntry(data: DataTransfer): DraggedEntry | undefined {
  const text = data.getData(entryDragType);
  if (!text) {
    // The native drag carries the row's downloaded file, under the blob's name.
    const name = nativeDrag?.path.slice(nativeDrag.path.lastIndexOf('/') + 1);
    if (!nativeDrag || ![...data.files].some((f) => f.name === name)) return undefined;
    const entry = nativeDrag;
    nativeDrag = undefined;
    clearOnMove?.();
    return entry;
  }
  const value = JSON.parse(text) as DraggedEntry;
  return typeof value.path === 'string' && typeof value.container === 'string' ? value : undefined;
}

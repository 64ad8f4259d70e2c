import { dragOutLimits, type PathEntry } from '../../../shared/contract/index.js';
import type { DraggedEntry } from '../pathOps/dragEntry.js';

/**
 * The blobs a row's drag hands to the OS (`paths.dragOut`), or undefined when it stays an
 * in-app drag (a move onto a folder): a folder row, or a selection with folders, more than
 * `dragOutLimits.maxFiles` files or more than `dragOutLimits.maxBytes`. Dragging a selected
 * row drags the selection; any other row drags itself.
 */
export function dragOutPaths(dragged: DraggedEntry, selection: PathEntry[]): string[] | undefined {
  if (dragged.kind !== 'file') return undefined;
  const inSelection = selection.some((e) => e.path === dragged.path);
  if (!inSelection) return [dragged.path];
  if (selection.some((e) => e.kind !== 'file') || selection.length > dragOutLimits.maxFiles)
    return undefined;
  const bytes = selection.reduce((sum, e) => sum + (e.kind === 'file' ? e.size : 0), 0);
  return bytes > dragOutLimits.maxBytes ? undefined : selection.map((e) => e.path);
}

import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState, type DragEvent, type ReactNode } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import { beginNativeEntryDrag, droppedEntry, type DraggedEntry } from '../pathOps/dragEntry.js';
import { collectDroppedFiles, type DroppedFile } from './droppedFiles.js';
import { dragOutPaths } from './dragOutPaths.js';

const useStyles = makeStyles({
  zone: { display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, overflow: 'hidden' },
  over: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-4px' },
});

const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/**
 * Accepts files and folders dragged from the desktop onto its children (the file list). With
 * `dragOut` (the desktop app), a file row dragged from inside becomes a native drag of its
 * files (or the selection's) to the desktop, when they are few and small (`dragOutPaths`);
 * other rows stay in-app drags that move onto a folder.
 */
export function DropZone({
  onDrop,
  selection = [],
  dragOut,
  children,
}: {
  onDrop: (files: DroppedFile[], topLevel: File[]) => void;
  /** The list's selected entries. */
  selection?: PathEntry[];
  /** Downloads the blobs and starts the native drag (`paths.dragOut`). */
  dragOut?: (from: DraggedEntry, paths: string[]) => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  const [over, setOver] = useState(false);
  return (
    <div
      className={mergeClasses(styles.zone, over && styles.over)}
      onDragStart={(e) => {
        // The row put itself on the drag already (FileRow); this runs as the event bubbles.
        const dragged = dragOut && droppedEntry(e.dataTransfer);
        const paths = dragged && dragOutPaths(dragged, selection);
        if (!dragged || !paths) return;
        e.preventDefault();
        beginNativeEntryDrag(dragged);
        dragOut(dragged, paths);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        // A row's own drag handed to the OS carries Files too; dropped here it is not an upload.
        if (droppedEntry(e.dataTransfer)) return;
        const topLevel = [...e.dataTransfer.files];
        void collectDroppedFiles(e.dataTransfer).then((files) => onDrop(files, topLevel));
      }}
    >
      {children}
    </div>
  );
}

import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useState, type DragEvent, type ReactNode } from 'react';
import { collectDroppedFiles, type DroppedFile } from './droppedFiles.js';

const useStyles = makeStyles({
  zone: { display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, overflow: 'hidden' },
  over: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-4px' },
});

const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/** Accepts files and folders dragged from the desktop onto its children (the file list). */
export function DropZone({
  onDrop,
  children,
}: {
  onDrop: (files: DroppedFile[], topLevel: File[]) => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  const [over, setOver] = useState(false);
  return (
    <div
      className={mergeClasses(styles.zone, over && styles.over)}
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
        const topLevel = [...e.dataTransfer.files];
        void collectDroppedFiles(e.dataTransfer).then((files) => onDrop(files, topLevel));
      }}
    >
      {children}
    </div>
  );
}

import {
  ArrowDownloadRegular,
  ArrowUploadRegular,
  FolderArrowUpRegular,
} from '@fluentui/react-icons';
import { useRef } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import { refusedTitle } from '../pathOps/commandAbilities.js';
import { ToolbarAction } from '../shell/MainToolbar.js';
import { pickedFiles, type DroppedFile } from './droppedFiles.js';

/**
 * Toolbar buttons: Upload files, Upload folder (file pickers, or the OS's folder dialog) and
 * Download (the selected entry). The uploads are off, the tooltip saying why, while
 * `uploadRefusal` is set.
 */
export function UploadDownloadButtons({
  canUpload,
  uploadRefusal,
  selected,
  onUpload,
  onPickFolder,
  onDownload,
  downloadDirectory,
}: {
  canUpload: boolean;
  /** Why the connection's credential refuses uploads here (a read-only connection). */
  uploadRefusal?: string | undefined;
  selected: PathEntry | undefined;
  onUpload: (files: DroppedFile[], topLevel: File[]) => void;
  /** Replaces the folder input where the OS's folder dialog is (the desktop app). */
  onPickFolder?: () => void;
  onDownload: (entry: PathEntry) => void;
  downloadDirectory: string | undefined;
}) {
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const picked = (input: HTMLInputElement) => {
    if (input.files) onUpload(pickedFiles(input.files), [...input.files]);
    input.value = '';
  };
  return (
    <>
      <input
        ref={filesInput}
        type="file"
        multiple
        hidden
        aria-hidden
        onChange={(e) => picked(e.currentTarget)}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        aria-hidden
        {...{ webkitdirectory: '' }}
        onChange={(e) => picked(e.currentTarget)}
      />
      <ToolbarAction
        id="upload-files"
        groupId="transfers"
        label="Upload files"
        icon={<ArrowUploadRegular aria-hidden />}
        disabled={!canUpload || uploadRefusal !== undefined}
        title={refusedTitle('Upload files', uploadRefusal)}
        onClick={() => filesInput.current?.click()}
      />
      <ToolbarAction
        id="upload-folder"
        groupId="transfers"
        label="Upload folder"
        icon={<FolderArrowUpRegular aria-hidden />}
        disabled={!canUpload || uploadRefusal !== undefined}
        title={refusedTitle('Upload folder', uploadRefusal)}
        onClick={() => (onPickFolder ? onPickFolder() : folderInput.current?.click())}
      />
      <ToolbarAction
        id="download"
        groupId="transfers"
        label="Download"
        icon={<ArrowDownloadRegular aria-hidden />}
        disabled={!selected}
        title={downloadDirectory ? `Download to ${downloadDirectory}` : undefined}
        onClick={() => selected && onDownload(selected)}
      />
    </>
  );
}

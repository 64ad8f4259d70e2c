import { useState } from 'react';
import type { FileListColumn, FileListSort } from '../../../shared/contract/index.js';
import { useSettings, useUpdateSettings } from '../settings/useSettings.js';
import { clampWidth, resolveWidths, type ColumnWidths } from './fileColumns.js';
import { defaultSort } from './sortEntries.js';

/**
 * The file list's column widths and sort, saved in the settings (so they outlive a restart).
 * `setWidth` changes a width on screen only (a drag in progress); `commitWidth` also saves
 * it; `setSort` shows and saves a sort.
 */
export function useFileListLayout() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const saved = settings.data?.fileList;
  const [live, setLive] = useState<Partial<ColumnWidths>>({});
  const [sortShown, setSortShown] = useState<FileListSort>();
  const widths = resolveWidths({ ...saved?.columnWidths, ...live });
  const sort = sortShown ?? saved?.sort ?? defaultSort;
  const save = (change: { widths?: ColumnWidths; sort?: FileListSort }) =>
    update.mutate({
      fileList: { columnWidths: change.widths ?? widths, sort: change.sort ?? sort },
    });
  return {
    widths,
    sort,
    setWidth: (column: FileListColumn, width: number) =>
      setLive((l) => ({ ...l, [column]: clampWidth(column, width) })),
    commitWidth: (column: FileListColumn, width: number) => {
      const next = { ...widths, [column]: clampWidth(column, width) };
      setLive(next);
      save({ widths: next });
    },
    setSort: (next: FileListSort) => {
      setSortShown(next);
      save({ sort: next });
    },
  };
}

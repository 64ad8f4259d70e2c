import { useMemo, useState } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';

/**
 * The list's cursor (the focused row), the anchor of Shift ranges, and the selected paths, all
 * by path: rows arriving or going (a refresh, a new folder) leave them on the same entries.
 */
export interface ListSelection {
  cursor: string | undefined;
  anchor: string | undefined;
  paths: ReadonlySet<string>;
}

/** How a click or key changes the selection: only this row, a range from the anchor, or toggle it. */
export type SelectMode = 'only' | 'extend' | 'toggle';

/** Nothing selected. */
export const noSelection: ListSelection = {
  cursor: undefined,
  anchor: undefined,
  paths: new Set(),
};

/**
 * The selection after the user picks row `index` of `entries` (clamped into the list): plain
 * click or arrow selects only it; Shift extends from the anchor; Ctrl toggles it and moves the
 * anchor there.
 */
export function selectRow(
  state: ListSelection,
  entries: readonly PathEntry[],
  index: number,
  mode: SelectMode,
): ListSelection {
  if (entries.length === 0) return noSelection;
  const i = Math.max(0, Math.min(entries.length - 1, index));
  const path = entries[i]!.path;
  if (mode === 'toggle') {
    const paths = new Set(state.paths);
    if (paths.has(path)) paths.delete(path);
    else paths.add(path);
    return { cursor: path, anchor: path, paths };
  }
  const anchor = entries.findIndex((e) => e.path === state.anchor);
  if (mode === 'extend' && anchor >= 0) {
    const [from, to] = anchor <= i ? [anchor, i] : [i, anchor];
    return {
      cursor: path,
      anchor: state.anchor,
      paths: new Set(entries.slice(from, to + 1).map((e) => e.path)),
    };
  }
  return { cursor: path, anchor: path, paths: new Set([path]) };
}

/** Every row selected; the cursor stays. */
export const selectAll = (state: ListSelection, entries: readonly PathEntry[]): ListSelection => ({
  ...state,
  paths: new Set(entries.map((e) => e.path)),
});

/**
 * The file list's selection, back to nothing whenever `resetKey` (the shown directory) changes.
 * `cursor` is the index of the cursor's entry (-1: none, or no longer listed);
 * `selectedEntries` keeps list order and drops paths no longer listed.
 */
export function useListSelection(entries: readonly PathEntry[], resetKey: string) {
  const [state, setState] = useState({ key: resetKey, selection: noSelection });
  const selection = state.key === resetKey ? state.selection : noSelection;
  const selectedEntries = useMemo(
    () => entries.filter((e) => selection.paths.has(e.path)),
    [entries, selection.paths],
  );
  const cursor = useMemo(
    () => entries.findIndex((e) => e.path === selection.cursor),
    [entries, selection.cursor],
  );
  return {
    paths: selection.paths,
    cursor,
    selectedEntries,
    select: (index: number, mode: SelectMode) =>
      setState({ key: resetKey, selection: selectRow(selection, entries, index, mode) }),
    selectAll: () => setState({ key: resetKey, selection: selectAll(selection, entries) }),
    /** Selects the entry of `path` alone, even before a refresh lists it. */
    selectPath: (path: string) =>
      setState({
        key: resetKey,
        selection: { cursor: path, anchor: path, paths: new Set([path]) },
      }),
  };
}

import { useCallback, useEffect, useState } from 'react';
import type { PathEntry } from '../../../shared/contract/index.js';
import { isCommandKey } from '../shell/commandTable.js';
import type { BrowseLocation } from '../shell/location.js';
import type { QueryTarget } from './queryTable.js';

/** Whether focus is in a text field, where keys type instead of running commands. */
const typing = (e: KeyboardEvent) =>
  e.target instanceof HTMLElement &&
  (e.target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName));

/**
 * "Query with SQL": what the query dialog is open on, opening it on an entry of `location` (or
 * of the folder a tree menu names), and its key from the command table (Ctrl+Alt+Q on the
 * selected entry).
 */
export function useQueryCommand(
  location: BrowseLocation | undefined,
  selected: PathEntry | undefined,
) {
  const [target, setTarget] = useState<QueryTarget>();
  const open = useCallback(
    (entry: PathEntry | undefined, at: BrowseLocation | undefined = location) => {
      if (!entry || !at) return;
      setTarget({
        connectionId: at.connectionId,
        container: at.container,
        path: entry.path,
        kind: entry.kind === 'directory' ? 'directory' : 'file',
      });
    },
    [location],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e) || !isCommandKey(e, 'querySql') || !selected) return;
      e.preventDefault();
      open(selected);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, selected]);
  return { target, open, close: () => setTarget(undefined) };
}

import type { PathEntry } from '../../../shared/contract/index.js';
import type { BrowseLocation } from '../shell/location.js';
import type { PreviewTarget } from './usePreview.js';

/**
 * What the pane should show for the selected entry: a file's preview, a directory's Delta
 * table preview once it is known to be one, or nothing (no selection, a plain folder).
 */
export function previewTargetFor(
  location: BrowseLocation | undefined,
  entry: PathEntry | undefined,
  directoryFormat: 'delta' | 'none' | undefined,
): PreviewTarget | undefined {
  if (!location || !entry) return undefined;
  const { connectionId, container } = location;
  if (entry.kind === 'file') return { kind: 'blob', connectionId, container, path: entry.path };
  return directoryFormat === 'delta'
    ? { kind: 'delta', connectionId, container, directory: entry.path }
    : undefined;
}

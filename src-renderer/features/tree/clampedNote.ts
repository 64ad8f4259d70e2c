import type { CSSProperties } from 'react';

/**
 * A note under a tree item (an error, a problem's reason) cut to `lines` lines with an ellipsis;
 * the whole text goes in the element's `title` and its item's name. Long words (an error code,
 * an environment variable's name) break rather than widen the tree past its pane, where the
 * lines were clipped.
 */
export const clampedNoteStyle = (lines: number): CSSProperties => ({
  whiteSpace: 'normal',
  overflowWrap: 'anywhere',
  display: '-webkit-box',
  WebkitLineClamp: lines,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
});

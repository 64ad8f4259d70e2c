import { useState } from 'react';
import type { PaneWidths } from '../../../shared/contract/index.js';
import { useSettings, useUpdateSettings } from '../settings/useSettings.js';

/** A pane the user resizes with a splitter. */
export type ResizablePane = keyof PaneWidths;

/** Each resizable pane's limits and width until the user sets one (px). */
export const paneLimits: Record<ResizablePane, { min: number; max: number; initial: number }> = {
  tree: { min: 160, max: 640, initial: 300 },
  preview: { min: 280, max: 1400, initial: 520 },
};

/**
 * The widths of the tree and preview panes: as saved in Settings (`paneWidths`), followed live
 * while a splitter moves (`change`), and saved again when it stops (`commit`), so they are kept
 * across restarts.
 */
export function usePaneWidths() {
  const settings = useSettings();
  const update = useUpdateSettings();
  const [live, setLive] = useState<PaneWidths>({});
  const saved = settings.data?.paneWidths;
  return {
    width: (pane: ResizablePane): number => live[pane] ?? saved?.[pane] ?? paneLimits[pane].initial,
    change: (pane: ResizablePane, width: number) => setLive((l) => ({ ...l, [pane]: width })),
    commit: (pane: ResizablePane, width: number) =>
      update.mutate({ paneWidths: { ...saved, ...live, [pane]: width } }),
  };
}

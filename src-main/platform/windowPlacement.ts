import type { WindowPlacement } from '../../shared/contract/index.js';

/** A rectangle in screen pixels (Electron's `Rectangle`, a display's `workArea`). */
export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the window opens with: a size, a place when the saved one is still on a screen, maximized or not. */
export type WindowStart =
  | { kind: 'default' }
  | { kind: 'restored'; bounds: ScreenRect; maximized: boolean }
  | { kind: 'resized'; width: number; height: number; maximized: boolean };

/** At least this much of the window's title bar must be on a screen for its place to be kept, in px. */
const minVisible = 100;

/**
 * How to open the window given the placement saved when it last closed and the displays'
 * work areas now: the saved bounds when at least 100 px of its top edge lie on one of them
 * (a monitor unplugged since would leave it out of reach), else the saved size shrunk to fit
 * the first display and centred by the OS; the defaults when nothing was saved.
 */
export function windowStart(
  saved: WindowPlacement | undefined,
  workAreas: readonly ScreenRect[],
): WindowStart {
  if (!saved) return { kind: 'default' };
  const onScreen = workAreas.some(
    (a) =>
      saved.y >= a.y &&
      saved.y < a.y + a.height - minVisible / 2 &&
      Math.min(saved.x + saved.width, a.x + a.width) - Math.max(saved.x, a.x) >= minVisible,
  );
  if (onScreen) {
    const { x, y, width, height } = saved;
    return { kind: 'restored', bounds: { x, y, width, height }, maximized: saved.maximized };
  }
  const first = workAreas[0];
  return {
    kind: 'resized',
    width: first ? Math.min(saved.width, first.width) : saved.width,
    height: first ? Math.min(saved.height, first.height) : saved.height,
    maximized: saved.maximized,
  };
}

import { describe, expect, it } from 'vitest';
import { windowStart } from './windowPlacement.js';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('windowStart', () => {
  it('opens with the defaults when nothing was saved', () => {
    expect(windowStart(undefined, [laptop])).toEqual({ kind: 'default' });
  });

  it('restores the saved bounds and maximized state when the place is on a screen', () => {
    const saved = { x: 2000, y: 40, width: 1400, height: 900, maximized: true };
    expect(windowStart(saved, [laptop, rightMonitor])).toEqual({
      kind: 'restored',
      bounds: { x: 2000, y: 40, width: 1400, height: 900 },
      maximized: true,
    });
    // Partly off the left edge, 200 px of its top still on the laptop.
    expect(
      windowStart({ x: -1200, y: 10, width: 1400, height: 800, maximized: false }, [laptop]).kind,
    ).toBe('restored');
  });

  it('keeps the size, fitted to the first screen, when the place is on no screen any more', () => {
    // Saved on the right monitor, which is unplugged now.
    const saved = { x: 2000, y: 40, width: 2400, height: 1300, maximized: false };
    expect(windowStart(saved, [laptop])).toEqual({
      kind: 'resized',
      width: 1920,
      height: 1040,
      maximized: false,
    });
    // Only 50 px of the top edge on screen, or the title bar above it: not reachable.
    expect(
      windowStart({ x: 1870, y: 10, width: 800, height: 600, maximized: false }, [laptop]).kind,
    ).toBe('resized');
    expect(
      windowStart({ x: 100, y: -300, width: 800, height: 600, maximized: false }, [laptop]).kind,
    ).toBe('resized');
  });
});

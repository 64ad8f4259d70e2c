import type { Page } from '@playwright/test';
import path from 'node:path';

/** The two window sizes every changed screen is looked at in (CSS pixels). */
export const shotSizes = [
  { width: 1024, height: 640 },
  { width: 1920, height: 1080 },
] as const;

/**
 * Screenshots of the window at 1024×640 and 1920×1080, into `dir` as `<name>-<w>x<h>.png`
 * (for looking at, not asserting); the viewport is set back to what it was. Nothing is taken
 * without a `dir` (the specs' `…_SHOTS` variables are unset in CI).
 */
export async function shootBothSizes(
  page: Page,
  dir: string | undefined,
  name: string,
): Promise<void> {
  if (!dir) return;
  const before = page.viewportSize();
  for (const size of shotSizes) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(dir, `${name}-${size.width}x${size.height}.png`) });
  }
  if (before) await page.setViewportSize(before);
}

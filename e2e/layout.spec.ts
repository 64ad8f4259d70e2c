import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { WindowFrame, type RegionBox } from './pages/windowFrame.js';

const sizes = [
  { width: 1024, height: 640 },
  { width: 1920, height: 1080 },
] as const;

/** Bar heights seen first at each window size, which every later screen must keep. */
type Heights = Map<string, number>;

/**
 * Asserts the window's frame on the screen shown at the page's current size: every bar is
 * inside the window, keeps the height it had on the first screen, shows all of its content
 * (nothing cut, no scrollbar), and the bars do not overlap; the content between them stays
 * between them; the status bar sits at the bottom; every visible toolbar button is fully inside
 * the toolbar and the window.
 */
async function expectFrame(
  page: Page,
  frame: WindowFrame,
  heights: Heights,
  screen: string,
  content: { name: string; region: ReturnType<Page['getByRole']> }[],
): Promise<void> {
  const viewport = page.viewportSize()!;
  const at = `${screen} at ${viewport.width}×${viewport.height}`;
  // The overflow manager moves what does not fit into "More actions" after a resize: wait for
  // the toolbar to settle as the user would see it (then the boxes below are checked).
  await expect
    .poll(async () => {
      const box = await frame.box('toolbar', frame.toolbar);
      const cut = (await frame.visibleToolbarButtons()).some((b) => b.cut);
      return box.scrollWidth <= box.clientWidth + 1 && !cut;
    }, `the toolbar fits, ${at}`)
    .toBe(true);
  const bars: RegionBox[] = [await frame.box('toolbar', frame.toolbar)];
  if (await frame.breadcrumbs.count()) bars.push(await frame.box('breadcrumbs', frame.breadcrumbs));
  const contentBoxes = await Promise.all(content.map((c) => frame.box(c.name, c.region)));
  if (await frame.transfers.count()) bars.push(await frame.box('transfers', frame.transfers));
  bars.push(await frame.box('status bar', frame.statusBar));

  for (const bar of bars) {
    expect.soft(bar.top, `${bar.name} top, ${at}`).toBeGreaterThanOrEqual(0);
    expect.soft(bar.bottom, `${bar.name} bottom, ${at}`).toBeLessThanOrEqual(viewport.height + 0.5);
    expect.soft(bar.height, `${bar.name} height, ${at}`).toBeGreaterThanOrEqual(20);
    expect
      .soft(bar.scrollHeight, `${bar.name} content height, ${at}`)
      .toBeLessThanOrEqual(bar.clientHeight + 1);
    if (bar.name !== 'transfers') {
      const key = `${viewport.width}:${bar.name}`;
      const first = heights.get(key);
      if (first === undefined) heights.set(key, bar.height);
      else expect.soft(bar.height, `${bar.name} keeps its height, ${at}`).toBeCloseTo(first, 0);
    }
  }
  const toolbar = bars[0]!;
  expect
    .soft(toolbar.scrollWidth, `toolbar scrolls sideways, ${at}`)
    .toBeLessThanOrEqual(toolbar.clientWidth + 1);
  for (let i = 1; i < bars.length; i++)
    expect
      .soft(bars[i]!.top, `${bars[i]!.name} below ${bars[i - 1]!.name}, ${at}`)
      .toBeGreaterThanOrEqual(bars[i - 1]!.bottom - 0.5);
  const status = bars[bars.length - 1]!;
  expect.soft(status.bottom, `status bar at the bottom, ${at}`).toBeCloseTo(viewport.height, 0);

  // The content regions live between the bar above them and the one below.
  const above = bars.find((b) => b.name === 'breadcrumbs') ?? toolbar;
  const below = bars.find((b) => b.name === 'transfers') ?? status;
  for (const box of contentBoxes) {
    expect
      .soft(box.top, `${box.name} below ${above.name}, ${at}`)
      .toBeGreaterThanOrEqual(above.bottom - 0.5);
    expect
      .soft(box.bottom, `${box.name} above ${below.name}, ${at}`)
      .toBeLessThanOrEqual(below.top + 0.5);
  }

  const buttons = await frame.visibleToolbarButtons();
  expect.soft(buttons.length, `toolbar buttons, ${at}`).toBeGreaterThan(0);
  for (const b of buttons) {
    const where = `toolbar button ${b.name}, ${at}`;
    expect.soft(b.left, where).toBeGreaterThanOrEqual(Math.max(0, toolbar.left) - 0.5);
    expect.soft(b.right, where).toBeLessThanOrEqual(Math.min(viewport.width, toolbar.right) + 0.5);
    expect.soft(b.top, where).toBeGreaterThanOrEqual(toolbar.top - 0.5);
    expect.soft(b.bottom, where).toBeLessThanOrEqual(toolbar.bottom + 0.5);
    expect.soft(b.cut, `${where}: label cut`).toBe(false);
  }
}

/**
 * Checks the frame at both window sizes, keeping a picture of each under /tmp, and that every
 * toolbar action shown at the large size is reachable at the small one, on the toolbar or in
 * its "More actions" menu.
 */
async function expectFrameAtBothSizes(
  page: Page,
  frame: WindowFrame,
  heights: Heights,
  screen: string,
  content: { name: string; region: ReturnType<Page['getByRole']> }[] = [],
): Promise<void> {
  const names: Record<number, string[]> = {};
  for (const size of [...sizes].reverse()) {
    await page.setViewportSize(size);
    await expectFrame(page, frame, heights, screen, content);
    await page.screenshot({ path: `/tmp/layout-${screen}-${size.width}x${size.height}.png` });
    const visible = (await frame.visibleToolbarButtons()).map((b) => b.name);
    const more = visible.includes('More actions') ? await frame.moreItems() : [];
    names[size.width] = [...visible.filter((n) => n !== 'More actions'), ...more];
  }
  expect
    .soft(new Set(names[1024]), `actions reachable at 1024×640 on ${screen}`)
    .toEqual(new Set(names[1920]));
}

test('the toolbar, breadcrumbs, Transfers and status bar keep their boxes on every screen, at 1024×640 and 1920×1080', async ({
  app,
  welcome,
  tree,
  files,
  preview,
}) => {
  const { page } = app;
  const frame = new WindowFrame(page);
  const heights: Heights = new Map();

  await expect(page.getByRole('button', { name: 'Local emulator' })).toBeVisible();
  await expectFrameAtBothSizes(page, frame, heights, 'welcome');

  // A transfer, so the Transfers panel is part of every later screen.
  await page.setViewportSize(sizes[1]);
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples');
  await files.row('README.md').click();
  await frame.toolbar.getByRole('button', { name: 'Download' }).click();
  await expect(
    frame.transfers.getByRole('listitem', { name: 'Download README.md', exact: true }),
  ).toContainText('Completed');

  // A big folder: the list scrolls inside its region.
  await tree.expand('samples', 'many');
  await expect(files.grid.getByText('item-00001.txt', { exact: true })).toBeVisible();
  await expectFrameAtBothSizes(page, frame, heights, 'many', [
    { name: 'file list', region: files.grid },
  ]);

  // A CSV preview.
  await page.setViewportSize(sizes[1]);
  await tree.expand('samples', 'raw', 'sales', '2025', '01');
  await files.row('orders.csv').click();
  await expect(preview.region).toContainText('200 of 200 rows shown');
  await expectFrameAtBothSizes(page, frame, heights, 'csv', [
    { name: 'file list', region: files.grid },
    { name: 'preview', region: preview.region },
  ]);

  // An NDJSON and a Parquet preview.
  for (const [folders, file, shown, screen] of [
    [['raw', 'events'], '2025-01-15.ndjson', /rows shown/, 'ndjson'],
    [['curated', 'sales'], 'orders_2025q1.parquet', '600 in the file', 'parquet'],
  ] as const) {
    await page.setViewportSize(sizes[1]);
    await tree.expand('samples', ...folders);
    await files.row(file).click();
    await expect(preview.region).toContainText(shown);
    await expectFrameAtBothSizes(page, frame, heights, screen, [
      { name: 'file list', region: files.grid },
      { name: 'preview', region: preview.region },
    ]);
  }

  // A hex preview of a binary blob.
  await page.setViewportSize(sizes[1]);
  await tree.expand('samples', 'misc');
  await files.row('blob.bin').click();
  await expect(preview.region.getByLabel('Hex dump')).toBeVisible();
  await expectFrameAtBothSizes(page, frame, heights, 'hex', [
    { name: 'file list', region: files.grid },
    { name: 'preview', region: preview.region },
  ]);
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { WindowFrame } from './pages/windowFrame.js';

const width = (region: Locator) => region.evaluate((el) => el.getBoundingClientRect().width);

/** Drags `splitter` sideways by `dx` px with the mouse. */
async function drag(splitter: Locator, dx: number): Promise<void> {
  const box = (await splitter.boundingBox())!;
  const page = splitter.page();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: 5 });
  await page.mouse.up();
}

test('the splitters resize the tree and the preview by mouse and by keys, and the widths are kept after a reload', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
  preview,
}) => {
  const { page } = app;
  const frame = new WindowFrame(page);
  const treePane = page.getByRole('navigation', { name: 'Storage tree' });
  const openCsv = async () => {
    await tree.expand('Local emulator', 'samples', 'raw', 'sales', '2025', '01');
    await files.row('orders.csv').click();
    await expect(preview.region).toContainText('200 of 200 rows shown');
  };
  await welcome.pickLocalEmulator();
  await openCsv();

  // The tree: 300 px at first, 80 px wider after a drag, two steps narrower with ArrowLeft.
  const treeSplitter = frame.splitter('Storage tree');
  await expect(treeSplitter).toHaveAttribute('aria-valuenow', '300');
  expect(await width(treePane)).toBeCloseTo(300, 0);
  await drag(treeSplitter, 80);
  await expect(treeSplitter).toHaveAttribute('aria-valuenow', '380');
  expect(await width(treePane)).toBeCloseTo(380, 0);
  await treeSplitter.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(treeSplitter).toHaveAttribute('aria-valuenow', '348');
  expect(await width(treePane)).toBeCloseTo(348, 0);

  // The preview sits right of its splitter: ArrowLeft widens it, dragging right narrows it,
  // and the list takes what is left.
  const previewSplitter = frame.splitter('Preview');
  await expect(previewSplitter).toHaveAttribute('aria-valuenow', '520');
  expect(await width(preview.region)).toBeCloseTo(520, 0);
  await previewSplitter.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await expect(previewSplitter).toHaveAttribute('aria-valuenow', '568');
  expect(await width(preview.region)).toBeCloseTo(568, 0);
  const listBefore = await width(files.grid);
  await drag(previewSplitter, 100);
  await expect(previewSplitter).toHaveAttribute('aria-valuenow', '468');
  expect(await width(preview.region)).toBeCloseTo(468, 0);
  expect(await width(files.grid)).toBeCloseTo(listBefore + 100, 0);

  // Kept in Settings, so a reload (or a restart) shows the same widths.
  const saved = (): unknown => {
    try {
      return JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).paneWidths;
    } catch {
      return undefined;
    }
  };
  await expect.poll(saved).toEqual({ tree: 348, preview: 468 });
  await page.reload();
  await expect(treeSplitter).toHaveAttribute('aria-valuenow', '348');
  await expect.poll(() => width(treePane)).toBeCloseTo(348, 0);
  await openCsv();
  await expect(previewSplitter).toHaveAttribute('aria-valuenow', '468');
  expect(await width(preview.region)).toBeCloseTo(468, 0);
});

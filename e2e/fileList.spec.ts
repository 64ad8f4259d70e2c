import type { BlobServiceClient } from '@azure/storage-blob';
import type { Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import type { FileList } from './pages/fileList.js';
import type { LocalEmulator } from './pages/localEmulator.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';

const folder = 'listing';
const longName = `${'quarterly-revenue-by-region-and-product-line-'.repeat(4)}final.csv`;
/** The files of samples/listing: name, body, content type. */
const fileBlobs = [
  { name: 'file10.csv', size: 300, type: 'text/csv' },
  { name: 'file2.txt', size: 5, type: 'text/plain' },
  { name: 'File3.json', size: 1000, type: 'application/json' },
  { name: 'a.bin', size: 50, type: 'application/octet-stream' },
  { name: 'zeta.md', size: 20, type: 'text/markdown' },
];
const folders = ['dir10', 'dir2', 'Dir1'];

/** Writes samples/listing (three folders, five files) and opens it in the list. */
async function openListing(
  dataDir: string,
  emulator: LocalEmulator,
  files: FileList,
  extra: string[] = [],
): Promise<BlobServiceClient> {
  await emulator.pick();
  const service = emulatorBlobService(dataDir);
  const container = service.getContainerClient('samples');
  for (const f of fileBlobs)
    await container
      .getBlockBlobClient(`${folder}/${f.name}`)
      .uploadData(Buffer.alloc(f.size, 'x'), { blobHTTPHeaders: { blobContentType: f.type } });
  for (const d of folders)
    await container.getBlockBlobClient(`${folder}/${d}/inside.txt`).uploadData(Buffer.from('in'));
  for (const name of extra)
    await container
      .getBlockBlobClient(`${folder}/${name}`)
      .uploadData(Buffer.from('x'), { blobHTTPHeaders: { blobContentType: 'text/csv' } });
  // The first run already shows samples: refresh so the tree and list read the new folder.
  await emulator.refresh();
  await emulator.openAt('samples', folder);
  await expect(files.rows()).toHaveCount(folders.length + fileBlobs.length + extra.length);
  return service;
}

const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

test('sorts by every column both ways, folders first, names in natural order; the sort is kept', async ({
  app,
  dataDir,
  emulator,
  files,
}) => {
  const service = await openListing(dataDir, emulator, files);
  const dirsUp = ['Dir1', 'dir2', 'dir10'];
  const dirsDown = ['dir10', 'dir2', 'Dir1'];

  // Name, ascending by default: natural order (file2 before file10), case aside.
  await expect(files.header('Name')).toHaveAttribute('aria-sort', 'ascending');
  const byName = ['a.bin', 'file2.txt', 'File3.json', 'file10.csv', 'zeta.md'];
  expect(await files.names()).toEqual([...dirsUp, ...byName]);
  await files.sortBy('Name', 'descending');
  await expect(files.header('Name')).toHaveAttribute('aria-sort', 'descending');
  await expect(files.header('Size')).toHaveAttribute('aria-sort', 'none');
  expect(await files.names()).toEqual([...dirsDown, ...[...byName].reverse()]);

  // Size: folders have none, so they keep name order, first.
  const bySize = ['file2.txt', 'zeta.md', 'a.bin', 'file10.csv', 'File3.json'];
  await files.sortBy('Size', 'ascending');
  expect(await files.names()).toEqual([...dirsUp, ...bySize]);
  await files.sortBy('Size', 'descending');
  expect(await files.names()).toEqual([...dirsUp, ...[...bySize].reverse()]);

  // Content type.
  const byType = ['File3.json', 'a.bin', 'file10.csv', 'zeta.md', 'file2.txt'];
  await files.sortBy('Content type', 'ascending');
  await expect(files.header('Content type')).toHaveAttribute('aria-sort', 'ascending');
  expect(await files.names()).toEqual([...dirsUp, ...byType]);
  await files.sortBy('Content type', 'descending');
  expect(await files.names()).toEqual([...dirsUp, ...[...byType].reverse()]);

  // Modified, as Azurite stamped them (ties by name).
  const stamped: { name: string; at: number }[] = [];
  for await (const b of service
    .getContainerClient('samples')
    .listBlobsFlat({ prefix: `${folder}/` }))
    if (!b.name.slice(folder.length + 1).includes('/'))
      stamped.push({
        name: b.name.slice(folder.length + 1),
        at: b.properties.lastModified.getTime(),
      });
  const byModified = (sign: number) =>
    [...stamped]
      .sort((a, b) => sign * (a.at - b.at) || natural.compare(a.name, b.name))
      .map((s) => s.name);
  await files.sortBy('Modified', 'ascending');
  expect(await files.names()).toEqual([...dirsUp, ...byModified(1)]);
  await files.sortBy('Modified', 'descending');
  expect(await files.names()).toEqual([...dirsUp, ...byModified(-1)]);

  // The keyboard: Enter and Space on a focused header.
  await files.header('Name').focus();
  await files.header('Name').press('Enter');
  await expect(files.header('Name')).toHaveAttribute('aria-sort', 'ascending');
  expect(await files.names()).toEqual([...dirsUp, ...byName]);
  await files.header('Name').press(' ');
  await expect(files.header('Name')).toHaveAttribute('aria-sort', 'descending');
  expect(await files.names()).toEqual([...dirsDown, ...[...byName].reverse()]);

  // Kept after a reload (in the settings file, so across restarts too).
  await files.sortBy('Size', 'descending');
  const savedSort = (): unknown => {
    try {
      return JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).fileList?.sort;
    } catch {
      return undefined;
    }
  };
  await expect.poll(savedSort).toEqual({ column: 'size', direction: 'descending' });
  await app.page.reload();
  await emulator.openAt('samples', folder);
  await expect(files.rows()).toHaveCount(folders.length + fileBlobs.length);
  await expect(files.header('Size')).toHaveAttribute('aria-sort', 'descending');
  expect(await files.names()).toEqual([...dirsUp, ...[...bySize].reverse()]);
});

test('type-ahead selects the first match; Enter previews a file and opens a folder; the filter counts', async ({
  app,
  dataDir,
  emulator,
  files,
  preview,
}) => {
  await openListing(dataDir, emulator, files);
  await files.grid.focus();
  await app.page.keyboard.type('fi');
  await expect(files.selectedRows()).toHaveCount(1);
  await expect(files.selectedRows()).toContainText('file2.txt');
  await app.page.keyboard.press('Home');
  await app.page.keyboard.type('file1');
  await expect(files.selectedRows()).toContainText('file10.csv');
  await app.page.keyboard.type('x');
  // No name starts with "file1x": the selection stays.
  await expect(files.selectedRows()).toContainText('file10.csv');

  // Enter on a file opens its preview (Escape closed it).
  await app.page.keyboard.press('Escape');
  await expect(preview.region).toHaveCount(0);
  await app.page.keyboard.press('Enter');
  await expect(preview.region).toContainText('file10.csv');

  // The filter: loaded rows whose name holds the text, and how many.
  await files.filter.fill('FILE');
  await expect(files.rows()).toHaveCount(3);
  expect(await files.names()).toEqual(['file2.txt', 'File3.json', 'file10.csv']);
  await expect(app.page.getByText('3 of 8 items match')).toBeVisible();
  await files.filter.fill('nothing-like-this');
  await expect(files.rows()).toHaveCount(0);
  await expect(app.page.getByText('0 of 8 items match')).toBeVisible();
  await files.filter.fill('');
  await expect(files.rows()).toHaveCount(8);

  // Enter on a folder opens it.
  // From file10.csv, "d" wraps round to the first folder; "dir1" stays on it.
  await files.grid.focus();
  await app.page.keyboard.type('dir1');
  await expect(files.selectedRows()).toContainText('Dir1');
  await app.page.keyboard.press('Enter');
  await expect(app.page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Dir1');
  await emulator.showsRow('inside.txt');
});

/** The left edge of a locator's box. */
const leftOf = async (l: Locator) => (await l.boundingBox())!.x;

test('the header scrolls sideways with the rows; column widths are resizable and kept after a reload', async ({
  app,
  dataDir,
  emulator,
  files,
}) => {
  await app.page.setViewportSize({ width: 1024, height: 640 });
  await openListing(dataDir, emulator, files);
  // Nothing selected, so the list has the window's width to itself.
  const grid = files.grid;
  const sizeHeader = files.header('Size');
  const firstSizeCell = files.rows().first().getByRole('gridcell').nth(1);

  // Widen Name by dragging its header's edge, so the columns no longer fit.
  const handle = (await files.resizer('Name').boundingBox())!;
  const nameWidth = (await files.header('Name').boundingBox())!.width;
  await app.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await app.page.mouse.down();
  await app.page.mouse.move(handle.x + 300, handle.y + handle.height / 2, { steps: 5 });
  await app.page.mouse.up();
  await expect
    .poll(async () => Math.round((await files.header('Name').boundingBox())!.width))
    .toBe(Math.round(nameWidth + 300 - handle.width / 2));
  const widened = (await files.header('Name').boundingBox())!.width;

  // The keyboard resizes too: 10 px a press.
  await files.resizer('Size').focus();
  const sizeWidth = (await sizeHeader.boundingBox())!.width;
  await files.resizer('Size').press('ArrowRight');
  await files.resizer('Size').press('ArrowRight');
  await expect
    .poll(async () => Math.round((await sizeHeader.boundingBox())!.width))
    .toBe(Math.round(sizeWidth + 20));

  // The grid itself scrolls (and takes focus, so the keyboard reaches it).
  expect(await grid.evaluate((g) => g.scrollWidth > g.clientWidth)).toBe(true);
  await expect(grid).toHaveAttribute('tabindex', '0');
  // Back to the left edge (focusing a handle scrolled it into view), then sideways by wheel.
  await grid.evaluate((g) => (g.scrollLeft = 0));
  const scrollLeft = () => grid.evaluate((g) => g.scrollLeft);
  const startLeft = await scrollLeft();
  const before = await leftOf(sizeHeader);
  expect(before).toBe(await leftOf(firstSizeCell));
  const box = (await grid.boundingBox())!;
  await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.page.mouse.wheel(250, 0);
  await expect.poll(scrollLeft).toBeGreaterThan(startLeft + 100);
  expect(before - (await leftOf(sizeHeader))).toBe((await scrollLeft()) - startLeft);
  expect(await leftOf(sizeHeader)).toBe(await leftOf(firstSizeCell));
  expect(await leftOf(files.header('Content type'))).toBe(
    await leftOf(files.rows().first().getByRole('gridcell').nth(3)),
  );

  // Kept after a reload (in the settings file, so across restarts too).
  await app.page.reload();
  // The first run already shows samples: refresh so the tree and list read the new folder.
  await emulator.refresh();
  await emulator.openAt('samples', folder);
  await expect(files.rows()).toHaveCount(8);
  await expect
    .poll(async () => Math.round((await files.header('Name').boundingBox())!.width))
    .toBe(Math.round(widened));
  expect(Math.round((await sizeHeader.boundingBox())!.width)).toBe(Math.round(sizeWidth + 20));
  await app.page.screenshot({ path: '/tmp/filelist-1024-resized.png' });
});

test('a long name keeps its icon, ends in an ellipsis and shows in full in a tooltip', async ({
  app,
  dataDir,
  emulator,
  files,
}) => {
  await openListing(dataDir, emulator, files, [longName]);
  const cell = files.row(longName).getByRole('gridcell').first();
  const icon = cell.locator('svg');
  expect((await icon.boundingBox())!.width).toBeGreaterThan(0);
  const text = cell.getByText(longName, { exact: true });
  expect(
    await text.evaluate((t) => ({
      cut: t.scrollWidth > t.clientWidth,
      overflow: getComputedStyle(t).textOverflow,
    })),
  ).toEqual({ cut: true, overflow: 'ellipsis' });
  await text.hover();
  await expect(app.page.getByRole('tooltip')).toHaveText(longName);
  // A name that fits has no tooltip.
  await files.row('a.bin').getByText('a.bin', { exact: true }).hover();
  await expect(app.page.getByRole('tooltip')).toHaveCount(0);
});

/** WCAG relative luminance of a computed `rgb(…)` colour. */
const luminance = (rgb: string): number => {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

test('the selected row stands out from the list (3:1) and the focused row has a focus ring', async ({
  app,
  dataDir,
  emulator,
  files,
}) => {
  await openListing(dataDir, emulator, files);
  await files.row('a.bin').click();
  const row = files.row('a.bin');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const selected = await row.evaluate((r) => getComputedStyle(r).backgroundColor);
  const page = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const plain = await files.row('zeta.md').evaluate((r) => getComputedStyle(r).backgroundColor);
  expect(plain === 'rgba(0, 0, 0, 0)' || contrast(plain, page) < 1.1).toBe(true);
  expect(contrast(selected, page)).toBeGreaterThanOrEqual(3);
  // The text on it stays readable.
  const color = await row.evaluate((r) => getComputedStyle(r).color);
  expect(contrast(color, selected)).toBeGreaterThanOrEqual(4.5);

  // The grid has focus (a click, then the keyboard): the cursor row shows a ring.
  await app.page.keyboard.press('ArrowDown');
  const cursor = files.row('file2.txt');
  await expect(cursor).toHaveAttribute('aria-selected', 'true');
  await expect(files.grid).toBeFocused();
  const ring = await cursor.evaluate((r) => getComputedStyle(r).boxShadow);
  expect(ring).toMatch(/inset/);
  expect(ring).toMatch(/2px/);
  // Focus elsewhere: no ring, the selection stays.
  await files.filter.focus();
  await expect.poll(() => cursor.evaluate((r) => getComputedStyle(r).boxShadow)).not.toMatch(/2px/);
  await app.page.screenshot({ path: '/tmp/filelist-selection.png' });
});

import { ordersToDelimited, salesOrders } from '../src-main/emulator/seed/salesOrders.js';
import { deltaTableOrders } from '../src-main/emulator/seed/deltaTable.js';
import { expect, test } from './fixtures.js';

test('previews a CSV, a Parquet file and an image from samples/ without downloading them', async ({
  app,
  welcome,
  tree,
  files,
  preview,
}) => {
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'raw', 'sales', '2025', '01');

  // CSV: header and the first rows, cell by cell, as the seed generated them.
  await files.row('orders.csv').click();
  const csvLines = ordersToDelimited(salesOrders(1, 200, 10_000), ',')
    .trim()
    .split('\n');
  await expect(preview.table()).toBeVisible();
  expect(await preview.columnNames()).toEqual(csvLines[0]!.split(','));
  expect(await preview.rowCells(0)).toEqual(csvLines[1]!.split(','));
  expect(await preview.rowCells(1)).toEqual(csvLines[2]!.split(','));
  await expect(preview.region).toContainText('200 of 200 rows shown');
  // The README's picture: the tree, the list and a CSV in the preview pane.
  await app.page.screenshot({ path: 'docs/screenshot.png' });

  // Sorting by quantity (a number column) puts the smallest quantity first.
  await preview.table().getByRole('button', { name: 'quantity' }).click();
  const smallest = Math.min(...salesOrders(1, 200, 10_000).map((o) => o.quantity));
  expect((await preview.rowCells(0))[4]).toBe(String(smallest));

  // Parquet: schema columns and the first row, read with ranged requests.
  await tree.expand('samples', 'curated', 'sales');
  await files.row('orders_2025q1.parquet').click();
  await expect(preview.region).toContainText('PARQUET');
  expect(await preview.columnNames()).toEqual([
    'order_id',
    'order_date',
    'region',
    'product',
    'quantity',
    'unit_price',
    'shipped',
  ]);
  const first = salesOrders(1, 1, 10_000)[0]!;
  const cells = await preview.rowCells(0);
  expect([cells[0], cells[2], cells[3], cells[4], cells[5]]).toEqual([
    String(first.orderId),
    first.region,
    first.product,
    String(first.quantity),
    String(first.unitPrice),
  ]);
  await expect(preview.region).toContainText('600 in the file');

  // Image: shown as an image with its real dimensions.
  await tree.expand('samples', 'images');
  await files.row('lake.png').click();
  const image = preview.region.getByRole('img', { name: 'lake.png' });
  await expect(image).toBeVisible();
  expect(
    await image.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]),
  ).toEqual([64, 64]);
  await expect(preview.region).toContainText('64 × 64');

  // Escape closes the pane.
  await files.grid.focus();
  await app.page.keyboard.press('Escape');
  await expect(preview.region).toHaveCount(0);
});

test('a folder holding _delta_log previews as a Delta table, with time travel', async ({
  welcome,
  tree,
  files,
  preview,
}) => {
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'curated', 'delta');
  await files.row('orders').click();
  await expect(preview.region).toContainText('Delta table · version 3 of 3');
  await expect(preview.region).toContainText(
    `${deltaTableOrders(3).length} of ${deltaTableOrders(3).length} rows shown`,
  );
  await preview.region.getByText('History (4 commits)').click();
  const history = preview.region.getByRole('table', { name: 'History' });
  await expect(history.getByRole('row')).toHaveCount(5);
  await expect(history.getByRole('row').nth(1)).toContainText('WRITE');
  await expect(history.getByRole('row').nth(2)).toContainText('DELETE');

  await preview.region.getByRole('combobox', { name: 'Version' }).selectOption('1');
  await expect(preview.region).toContainText('Delta table · version 1 of 3');
  const v1 = deltaTableOrders(1);
  await expect(preview.region).toContainText(`${v1.length} of ${v1.length} rows shown`);
  // Every row shown belongs to version 1 (month 4 arrives in version 3).
  const idColumn = (await preview.columnNames()).indexOf('order_id');
  const v1Ids = new Set(v1.map((o) => String(o.orderId)));
  for (const n of [0, 1, 2]) expect(v1Ids.has((await preview.rowCells(n))[idColumn]!)).toBe(true);
});

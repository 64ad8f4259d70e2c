import { expect, test } from './fixtures.js';
import { emulatorBlobService, expectedRows } from './support/emulatorBlobs.js';

test('picks Local emulator and browses samples → raw → sales; the rows are what Azurite holds', async ({
  app,
  dataDir,
  emulator,
  tree,
  files,
}) => {
  await emulator.startAt('samples', 'raw', 'sales');
  const azurite = emulatorBlobService(dataDir);

  const sales = await expectedRows(azurite, 'samples', 'raw/sales');
  expect(sales.dirs.length + sales.files.length).toBeGreaterThan(0);
  await expect(files.rows()).toHaveCount(sales.dirs.length + sales.files.length);
  expect(await files.names()).toEqual([...sales.dirs, ...sales.files.map((f) => f.name)]);

  // One level down the leaves are files: compare name, exact size and content type per row.
  const month = sales.dirs[0]!;
  await tree.expand(month);
  const monthDir = `raw/sales/${month}`;
  const inner = await expectedRows(azurite, 'samples', monthDir);
  const leaf = inner.dirs[0] ?? month;
  await tree.select(leaf);
  const leafRows = await expectedRows(
    azurite,
    'samples',
    inner.dirs.length > 0 ? `${monthDir}/${leaf}` : monthDir,
  );
  expect(leafRows.files.length).toBeGreaterThan(0);
  await expect(files.rows()).toHaveCount(leafRows.dirs.length + leafRows.files.length);
  for (const file of leafRows.files) {
    const row = files.row(file.name);
    await expect(row.getByRole('gridcell').nth(1)).toHaveAttribute(
      'title',
      `${file.size.toLocaleString('en-US')} bytes`,
    );
    await expect(row.getByRole('gridcell').nth(3)).toHaveText(file.contentType);
  }
  await expect(app.page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(leaf);
});

test.describe('a folder of 10,000 blobs', () => {
  test.use({ sampleMany: 10_000 });

  test('opens with a bounded number of rows in the DOM and scrolls to the last entry', async ({
    app,
    emulator,
    tree,
    files,
  }) => {
    await emulator.startAt('samples');
    await tree.select('many');
    await expect(files.grid).toHaveAttribute('aria-rowcount', '10001');
    expect(await files.rows().count()).toBeLessThan(80);
    await files.grid.focus();
    await app.page.keyboard.press('End');
    await emulator.showsRow('item-10000.txt');
    await expect(files.row('item-10000.txt')).toHaveAttribute('aria-rowindex', '10001');
    expect(await files.rows().count()).toBeLessThan(80);
  });
});

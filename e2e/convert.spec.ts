import type { Page } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { salesOrders } from '../src-main/emulator/seed/salesOrders.js';
import { expect, test } from './fixtures.js';
import { PathDialogs } from './pages/pathDialogs.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';

/** With QUERY_SHOTS=<dir>, screenshots of the window at 1024×640 and 1920×1080 (for looking at, not asserting). */
async function shoot(page: Page, name: string) {
  const dir = process.env.QUERY_SHOTS;
  if (!dir) return;
  const before = page.viewportSize();
  for (const size of [
    { width: 1024, height: 640 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${dir}/convert-${name}-${size.width}x${size.height}.png` });
  }
  if (before) await page.setViewportSize(before);
}

test('Convert the sample CSV to Parquet in another container: the inferred schema, a changed type, the rows read back', async ({
  app,
  welcome,
  tree,
  files,
  dataDir,
}) => {
  const page = app.page;
  await welcome.pickLocalEmulator();
  const curated = emulatorBlobService(dataDir).getContainerClient('converted');
  await curated.createIfNotExists();
  await tree.expand('Local emulator', 'samples', 'raw', 'sales', '2025', '01');
  await files.row('orders.csv').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Query with SQL/ }).click();
  await page
    .getByRole('dialog', { name: 'Query with SQL' })
    .getByRole('button', { name: 'Convert…' })
    .click();

  const dialog = page.getByRole('dialog', { name: 'Convert' });
  const schema = dialog.getByRole('table', { name: 'Schema' });
  await expect(schema.getByRole('row')).toHaveCount(8);
  await expect(dialog.getByRole('textbox', { name: 'Type of order_id' })).toHaveValue('BIGINT');
  await expect(dialog.getByRole('textbox', { name: 'Type of order_date' })).toHaveValue('DATE');
  await expect(dialog.getByRole('textbox', { name: 'Type of shipped' })).toHaveValue('BOOLEAN');
  await expect(dialog.getByRole('textbox', { name: 'Path' })).toHaveValue(
    'raw/sales/2025/01/orders.parquet',
  );
  await dialog.getByRole('textbox', { name: 'Type of order_date' }).fill('VARCHAR');
  await dialog.getByRole('textbox', { name: 'Container' }).fill('converted');
  await dialog.getByRole('textbox', { name: 'Path' }).fill('sales/orders.parquet');
  await dialog.getByRole('combobox', { name: 'Compression' }).click();
  await page.getByRole('option', { name: 'snappy' }).click();
  await shoot(page, 'schema');
  await dialog.getByRole('button', { name: 'Convert', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Wrote 200 rows');
  await shoot(page, 'done');

  const copy = path.join(dataDir, 'converted.parquet');
  await writeFile(copy, await curated.getBlobClient('sales/orders.parquet').downloadToBuffer());
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  const types = await duck.runAndReadAll(
    `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${copy}'))`,
  );
  expect(types.getRowsJson()).toEqual([
    ['order_id', 'BIGINT'],
    ['order_date', 'VARCHAR'],
    ['region', 'VARCHAR'],
    ['product', 'VARCHAR'],
    ['quantity', 'BIGINT'],
    ['unit_price', 'DOUBLE'],
    ['shipped', 'BOOLEAN'],
  ]);
  const rows = await duck.runAndReadAll(
    `SELECT order_id, order_date, region, quantity FROM read_parquet('${copy}') ORDER BY order_id`,
  );
  expect(rows.getRowsJson()).toEqual(
    salesOrders(1, 200, 10_000).map((o) => [
      String(o.orderId),
      o.orderDate,
      o.region,
      String(o.quantity),
    ]),
  );
  const codecs = await duck.runAndReadAll(
    `SELECT DISTINCT compression FROM parquet_metadata('${copy}')`,
  );
  expect(codecs.getRowsJson()).toEqual([['SNAPPY']]);
});

test('Cancel a conversion: nothing under the target name', async ({
  app,
  welcome,
  tree,
  files,
  dataDir,
}) => {
  const page = app.page;
  await welcome.pickLocalEmulator();
  const container = emulatorBlobService(dataDir).getContainerClient('bigcsv');
  await container.createIfNotExists();
  const line = (i: number) => `${i},${'x'.repeat(80)},${i * 3}.25\n`;
  const body = `id,text,amount\n${Array.from({ length: 600_000 }, (_, i) => line(i)).join('')}`;
  await container.getBlockBlobClient('big.csv').uploadData(Buffer.from(body));
  await new PathDialogs(page).toolbar('Refresh');
  await tree.expand('Local emulator', 'bigcsv');
  await files.row('big.csv').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Query with SQL/ }).click();
  await page
    .getByRole('dialog', { name: 'Query with SQL' })
    .getByRole('button', { name: 'Convert…' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Convert' });
  await expect(dialog.getByRole('textbox', { name: 'Type of id' })).toHaveValue('BIGINT');
  await dialog.getByRole('button', { name: 'Convert', exact: true }).click();
  await dialog.getByRole('button', { name: 'Cancel conversion' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Cancelled; nothing was written');
  await shoot(page, 'cancelled');
  const names: string[] = [];
  for await (const b of container.listBlobsFlat()) names.push(b.name);
  expect(names).toEqual(['big.csv']);
});

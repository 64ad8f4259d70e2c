import type { Page } from '@playwright/test';
import { salesOrders } from '../src-main/emulator/seed/salesOrders.js';
import { expect, test } from './fixtures.js';
import { QueryDialog } from './pages/queryDialog.js';
import { shootBothSizes } from './pages/screenshots.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';
import { parquetCopy } from './support/parquetCopy.js';

/** With QUERY_SHOTS=<dir>, screenshots of the window at 1024×640 and 1920×1080 (for looking at, not asserting). */
const shoot = (page: Page, name: string) =>
  shootBothSizes(page, process.env.QUERY_SHOTS, `convert-${name}`);

test('Convert the sample CSV to Parquet in another container: the inferred schema, a changed type, a job of the Transfers panel that reaches done, the rows read back', async ({
  app,
  emulator,
  transfers,
  dataDir,
}) => {
  const page = app.page;
  await emulator.pick();
  const curated = emulatorBlobService(dataDir).getContainerClient('converted');
  await curated.createIfNotExists();
  await emulator.openAt('samples', 'raw', 'sales', '2025', '01');
  const query = new QueryDialog(page);
  const dialog = await query.openTool('orders.csv', 'Convert…');
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
  // Not converted again by a second click: the target exists now.
  await expect(dialog.getByRole('button', { name: 'Convert', exact: true })).toBeDisabled();
  await shoot(page, 'done');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await query.dialog.getByRole('button', { name: 'Close', exact: true }).click();
  // The conversion was a job of the Transfers panel: its row reached done, with the rows and where.
  const job = transfers.job('Convert', 'orders.csv');
  await expect(job).toContainText('Completed · 200 rows');
  await expect(job).toContainText('Wrote Parquet converted/sales/orders.parquet');
  await expect(job.getByRole('progressbar', { name: 'Progress of orders.csv' })).toHaveAttribute(
    'aria-valuenow',
    '1',
  );
  await shoot(page, 'transfers-done');

  const copy = await parquetCopy(
    dataDir,
    'converted.parquet',
    await curated.getBlobClient('sales/orders.parquet').downloadToBuffer(),
  );
  const types = await copy.rows(
    `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${copy.file}'))`,
  );
  expect(types).toEqual([
    ['order_id', 'BIGINT'],
    ['order_date', 'VARCHAR'],
    ['region', 'VARCHAR'],
    ['product', 'VARCHAR'],
    ['quantity', 'BIGINT'],
    ['unit_price', 'DOUBLE'],
    ['shipped', 'BOOLEAN'],
  ]);
  const rows = await copy.rows(
    `SELECT order_id, order_date, region, quantity FROM read_parquet('${copy.file}') ORDER BY order_id`,
  );
  expect(rows).toEqual(
    salesOrders(1, 200, 10_000).map((o) => [
      String(o.orderId),
      o.orderDate,
      o.region,
      String(o.quantity),
    ]),
  );
  const codecs = await copy.rows(
    `SELECT DISTINCT compression FROM parquet_metadata('${copy.file}')`,
  );
  expect(codecs).toEqual([['SNAPPY']]);
});

// A cancel that reaches the job while its commit is being answered cannot undo it: the job then
// ends completed with the whole file (src-main/transfers/cancelAtCommit.int.test.ts). Under load
// the click may come that late, so either ending is right, as long as what the window says is
// what the container holds: "Cancelled" with nothing under the name, or the rows written.
test('Cancel a conversion: its job in the Transfers panel ends cancelled, nothing under the target name', async ({
  app,
  emulator,
  transfers,
  dataDir,
}) => {
  const page = app.page;
  await emulator.pick();
  const container = emulatorBlobService(dataDir).getContainerClient('bigcsv');
  await container.createIfNotExists();
  const line = (i: number) => `${i},${'x'.repeat(80)},${i * 3}.25\n`;
  const body = `id,text,amount\n${Array.from({ length: 600_000 }, (_, i) => line(i)).join('')}`;
  await container.getBlockBlobClient('big.csv').uploadData(Buffer.from(body));
  await emulator.refresh();
  await emulator.openAt('bigcsv');
  const query = new QueryDialog(page);
  const dialog = await query.openTool('big.csv', 'Convert…');
  await expect(dialog.getByRole('textbox', { name: 'Type of id' })).toHaveValue('BIGINT');
  await dialog.getByRole('button', { name: 'Convert', exact: true }).click();
  await dialog.getByRole('button', { name: 'Cancel conversion' }).click();
  const ending = dialog.getByRole('alert').or(dialog.getByRole('status'));
  await expect(ending).toContainText(/Cancelled; nothing was written|Wrote 600,000 rows/);
  const cancelled = (await ending.textContent())!.includes('Cancelled');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await query.dialog.getByRole('button', { name: 'Close', exact: true }).click();
  const names: string[] = [];
  for await (const b of container.listBlobsFlat()) names.push(b.name);
  if (!cancelled) {
    expect(names).toEqual(['big.csv', 'big.parquet']);
    return;
  }
  // The job of the Transfers panel ended cancelled too, and can be run again.
  const job = transfers.job('Convert', 'big.csv');
  await expect(job).toContainText('Cancelled; nothing was written');
  await expect(job.getByRole('button', { name: 'Retry big.csv' })).toBeVisible();
  await shoot(page, 'cancelled');
  expect(names).toEqual(['big.csv']);
});

test("Convert… in the file list's context menu opens the Convert dialog on the row's file and converts it beside it", async ({
  app,
  emulator,
  files,
  dataDir,
}) => {
  const page = app.page;
  await emulator.startAt('samples', 'raw', 'sales', '2025', '01');
  await files.row('orders.csv').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Convert…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Convert' });
  await expect(dialog.getByRole('table', { name: 'Schema' }).getByRole('row')).toHaveCount(8);
  await expect(dialog.getByRole('textbox', { name: 'Path' })).toHaveValue(
    'raw/sales/2025/01/orders.parquet',
  );
  await shoot(page, 'from-menu');
  await dialog.getByRole('button', { name: 'Convert', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Wrote 200 rows');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(files.grid).toBeFocused();
  const blob = emulatorBlobService(dataDir)
    .getContainerClient('samples')
    .getBlobClient('raw/sales/2025/01/orders.parquet');
  const copy = await parquetCopy(dataDir, 'from-menu.parquet', await blob.downloadToBuffer());
  expect(await copy.rows(`SELECT count(*)::INTEGER FROM read_parquet('${copy.file}')`)).toEqual([
    [200],
  ]);
});

test("Convert… on a folder, from the file list's and the tree's context menu: one schema confirmation, one job per file at its relative path under the target folder", async ({
  app,
  emulator,
  files,
  tree,
  transfers,
  dataDir,
}) => {
  const page = app.page;
  await emulator.startAt('samples', 'raw', 'sales');
  const curated = emulatorBlobService(dataDir).getContainerClient('converted');
  await curated.createIfNotExists();
  // The tree's menu on the folder offers it too, on the same folder.
  const treeMenu = await tree.openContextMenu('2025');
  await treeMenu.getByRole('menuitem', { name: 'Convert…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Convert folder' });
  await expect(dialog.getByRole('status')).toContainText('4 files to convert');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await files.row('2025').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Convert…' }).click();
  await expect(dialog.getByRole('status')).toContainText('4 files to convert');
  await expect(dialog).toContainText('inferred from raw/sales/2025/01/orders.csv');
  await expect(dialog.getByRole('table', { name: 'Schema' }).getByRole('row')).toHaveCount(8);
  await expect(dialog.getByRole('textbox', { name: 'Path' })).toHaveValue('raw/sales/2025-parquet');
  await dialog.getByRole('textbox', { name: 'Type of order_date' }).fill('VARCHAR');
  await dialog.getByRole('textbox', { name: 'Container' }).fill('converted');
  await dialog.getByRole('textbox', { name: 'Path' }).fill('sales-2025');
  await shoot(page, 'folder');
  await dialog.getByRole('button', { name: 'Convert 4 files' }).click();
  await expect(dialog.getByRole('status').last()).toContainText('4 of 4 converted', {
    timeout: 60_000,
  });
  await shoot(page, 'folder-done');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(transfers.job('Convert', 'returns.tsv')).toContainText('Completed · 25 rows');

  const names: string[] = [];
  for await (const b of curated.listBlobsFlat({ prefix: 'sales-2025/' })) names.push(b.name);
  expect(names.sort()).toEqual([
    'sales-2025/01/orders.parquet',
    'sales-2025/02/orders.parquet',
    'sales-2025/02/returns.parquet',
    'sales-2025/03/orders.parquet',
  ]);
  const read = async (name: string) => {
    const copy = await parquetCopy(
      dataDir,
      name.replaceAll('/', '-'),
      await curated.getBlobClient(name).downloadToBuffer(),
    );
    return copy.rows(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${copy.file}')) WHERE column_name = 'order_date'`,
    );
  };
  // The confirmed type applies to the CSVs (the first file's format); the TSV keeps its own.
  expect(await read('sales-2025/03/orders.parquet')).toEqual([['order_date', 'VARCHAR']]);
  expect(await read('sales-2025/02/returns.parquet')).toEqual([['order_date', 'DATE']]);
});

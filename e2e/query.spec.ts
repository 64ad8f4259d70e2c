import { DuckDBInstance } from '@duckdb/node-api';
import type { Page } from '@playwright/test';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { deltaTableOrders } from '../src-main/emulator/seed/deltaTable.js';
import { salesOrders } from '../src-main/emulator/seed/salesOrders.js';
import { expect, test } from './fixtures.js';
import { QueryDialog } from './pages/queryDialog.js';
import { shootBothSizes } from './pages/screenshots.js';
import { SettingsDialog } from './pages/settingsDialog.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';
import { parquetCopy } from './support/parquetCopy.js';

/** With QUERY_SHOTS=<dir>, screenshots of the window at 1024×640 and 1920×1080 (for looking at, not asserting). */
const shoot = (page: Page, name: string) =>
  shootBothSizes(page, process.env.QUERY_SHOTS, `query-${name}`);

/** The orders of the sample's curated/sales/orders_2025q1.parquet (months 1–3) and their regions, sorted. */
const orders = [1, 2, 3].flatMap((m) => salesOrders(m, 200, m * 10_000));
const regions = [...new Set(orders.map((o) => o.region))].sort();

test('Query with SQL on the sample Parquet file: typed results, row count, DuckDB errors with their position', async ({
  app,
  emulator,
}) => {
  const page = app.page;
  const query = new QueryDialog(page);
  await emulator.startAt('samples', 'curated', 'sales');
  const dialog = await query.openOn('orders_2025q1.parquet');
  const editor = query.editor;
  await expect(editor).toHaveValue('SELECT * FROM t LIMIT 100');
  await editor.fill(
    'SELECT region, count(*) AS orders, sum(quantity) AS quantity FROM t GROUP BY region ORDER BY region',
  );
  await dialog.getByRole('button', { name: 'Run' }).click();

  await expect(dialog.getByRole('status')).toContainText(`${regions.length} rows`);
  await expect(dialog.getByRole('status')).toContainText(' ms');
  const grid = dialog.getByRole('grid', { name: 'Preview table' });
  const header = grid.getByRole('columnheader');
  await expect(header.nth(0)).toContainText('region');
  await expect(header.nth(0)).toContainText('VARCHAR');
  await expect(header.nth(1)).toContainText('BIGINT');
  const rows = grid.getByRole('row');
  for (const [i, region] of regions.entries()) {
    const mine = orders.filter((o) => o.region === region);
    await expect(rows.nth(i + 1).getByRole('gridcell')).toHaveText([
      region,
      String(mine.length),
      String(mine.reduce((n, o) => n + o.quantity, 0)),
    ]);
  }
  await shoot(page, 'result');

  // A mistake answers with DuckDB's own message and its LINE/caret position.
  await editor.fill('SELECT regin FROM t');
  await editor.press('Control+Enter');
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('The query failed');
  await expect(alert).toContainText('Referenced column "regin" not found');
  await expect(alert).toContainText('LINE 1: SELECT regin FROM t');
  await shoot(page, 'error');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('Query with SQL on the Delta table from the tree: time travel by version', async ({
  app,
  emulator,
}) => {
  const page = app.page;
  const query = new QueryDialog(page);
  await emulator.startAt('samples', 'curated', 'delta');
  const dialog = await query.openOn('orders');
  await query.write('SELECT count(*) AS n FROM t');
  await dialog.getByRole('textbox', { name: 'Delta version' }).fill('1');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog.getByRole('status')).toContainText('Delta version 1 of 3');
  await expect(
    dialog.getByRole('grid', { name: 'Preview table' }).getByRole('row').nth(1),
  ).toHaveText(String(deltaTableOrders(1).length));
});

test('Save result: the whole result as CSV on this computer and as Parquet in another container', async ({
  app,
  dataDir,
  emulator,
}) => {
  const page = app.page;
  const query = new QueryDialog(page);
  await emulator.startAt('samples', 'curated', 'sales');
  const dialog = await query.openOn('orders_2025q1.parquet');
  await query.write('SELECT region, count(*) AS orders FROM t GROUP BY region ORDER BY region;');
  await dialog.getByRole('button', { name: 'Save result…' }).click();

  const save = page.getByRole('dialog', { name: 'Save result' });
  // The user's Downloads folder exists; the test's stands in for it.
  const downloads = path.join(dataDir, 'downloads');
  await mkdir(downloads, { recursive: true });
  await expect(save.getByRole('textbox', { name: 'Folder' })).toHaveValue(downloads);
  await expect(save.getByRole('textbox', { name: 'File name' })).toHaveValue(
    'orders_2025q1-result.csv',
  );
  await shoot(page, 'save-local');
  await save.getByRole('button', { name: 'Save' }).click();
  await expect(save.getByRole('status')).toContainText(`Saved ${regions.length} rows`);
  const text = await readFile(path.join(downloads, 'orders_2025q1-result.csv'), 'utf8');
  expect(text).toBe(
    `region,orders\n${regions.map((r) => `${r},${orders.filter((o) => o.region === r).length}`).join('\n')}\n`,
  );
  // Saving again under the same name is refused until Replace is ticked.
  await save.getByRole('button', { name: 'Save' }).click();
  await expect(save.getByRole('alert')).toContainText('exists');

  const service = emulatorBlobService(dataDir);
  const results = service.getContainerClient('query-results');
  await results.createIfNotExists();
  await save.getByRole('radio', { name: 'Parquet' }).check();
  await save.getByRole('radio', { name: 'A connection' }).check();
  await save.getByRole('textbox', { name: 'Container' }).fill('query-results');
  await expect(save.getByRole('textbox', { name: 'Path' })).toHaveValue(
    'results/orders_2025q1-result.parquet',
  );
  await shoot(page, 'save-remote');
  await save.getByRole('button', { name: 'Save' }).click();
  await expect(save.getByRole('status')).toContainText(`Saved ${regions.length} rows`);
  await expect(save.getByRole('status')).toContainText(
    'query-results/results/orders_2025q1-result.parquet',
  );
  const blob = await results
    .getBlobClient('results/orders_2025q1-result.parquet')
    .downloadToBuffer();
  const copy = await parquetCopy(dataDir, 'saved.parquet', blob);
  const back = await copy.rows(`SELECT region, orders FROM read_parquet('${copy.file}')`);
  expect(back).toEqual(
    regions.map((r) => [r, String(orders.filter((o) => o.region === r).length)]),
  );
  await shoot(page, 'save-done');
});

test('Save result: a long save tells how far DuckDB is, and Cancel saving stops it leaving nothing', async ({
  app,
  dataDir,
  emulator,
}) => {
  const page = app.page;
  const query = new QueryDialog(page);
  await emulator.pick();
  // DuckDB tells how far a query is by the row groups of the file it scans: two million rows
  // in 200 row groups, each row hashed at length (minutes of work), so the fraction moves soon
  // and the save runs until cancelled.
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  const file = path.join(dataDir, 'numbers.parquet');
  await duck.run(
    `COPY (SELECT range AS n FROM range(2000000)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 10000)`,
  );
  const service = emulatorBlobService(dataDir);
  const source = service.getContainerClient('query-big');
  await source.createIfNotExists();
  await source.getBlockBlobClient('numbers.parquet').uploadFile(file);
  const results = service.getContainerClient('query-results');
  await results.createIfNotExists();
  await emulator.refresh();
  await emulator.openAt('query-big');
  const dialog = await query.openOn('numbers.parquet');
  await query.write('SELECT count(DISTINCT md5(repeat(n::VARCHAR, 2000))) AS s FROM t');
  await dialog.getByRole('button', { name: 'Save result…' }).click();
  const save = page.getByRole('dialog', { name: 'Save result' });
  await save.getByRole('radio', { name: 'A connection' }).check();
  await save.getByRole('textbox', { name: 'Container' }).fill('query-results');
  await save.getByRole('textbox', { name: 'Path' }).fill('results/hashes.csv');
  await save.getByRole('button', { name: 'Save' }).click();
  const progress = save.getByRole('status', { name: 'Saving progress' });
  await expect(progress).toContainText(
    'Step 1 of 2: DuckDB is running the query and writing the file',
  );
  await expect(save.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(progress).toContainText(/file \(\d+%\)/);
  await expect(progress.getByRole('progressbar', { name: 'Saving' })).toHaveAttribute(
    'aria-valuenow',
    /^0\.\d+$/,
  );
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shoot(page, `save-progress-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await save.getByRole('button', { name: 'Cancel saving' }).click();
  await expect(save).toContainText('Saving was cancelled');
  await expect(progress).toHaveCount(0);
  await expect(save.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
  expect(await results.getBlobClient('results/hashes.csv').exists()).toBe(false);
});

test("Settings' DuckDB memory limit reaches the next query", async ({ app, emulator }) => {
  const page = app.page;
  const query = new QueryDialog(page);
  await emulator.pick();
  const settings = new SettingsDialog(page);
  await settings.open();
  const limit = settings.dialog.getByRole('spinbutton', { name: 'DuckDB memory limit (MiB)' });
  await expect(limit).toHaveValue('1024');
  await expect(
    settings.dialog.getByRole('spinbutton', { name: 'Query cache size (MiB)' }),
  ).toHaveValue('10240');
  await limit.fill('10');
  await expect(settings.dialog.getByText('A whole number, 64–1048576')).toBeVisible();
  await limit.fill('256');
  await limit.blur();
  await expect(settings.dialog.getByText('A whole number, 64–1048576')).toBeHidden();
  await limit.scrollIntoViewIfNeeded();
  await shoot(page, 'settings');
  await settings.dialog.getByRole('button', { name: 'Close' }).click();

  await emulator.openAt('samples', 'curated', 'sales');
  const dialog = await query.openOn('orders_2025q1.parquet');
  await query.write("SELECT current_setting('memory_limit') AS m FROM t LIMIT 1");
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(
    dialog.getByRole('grid', { name: 'Preview table' }).getByRole('row').nth(1),
  ).toHaveText('256.0 MiB');
});

test('Delta maintenance: RESTORE to version 1 as a new commit, then VACUUM with a dry run first, both jobs of the Transfers panel; the table still reads', async ({
  app,
  emulator,
  transfers,
}) => {
  const page = app.page;
  const sql = new QueryDialog(page);
  await emulator.startAt('samples', 'curated', 'delta');
  const dialog = await sql.openTool('orders', 'Delta maintenance…');
  const query = sql.dialog;
  await dialog.getByRole('textbox', { name: 'Version to restore' }).fill('1');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByRole('status')).toContainText('Restored to version 1 as version 4');

  await dialog.getByRole('textbox', { name: 'Retention (hours)' }).fill('0');
  await dialog.getByRole('button', { name: 'Dry run' }).click();
  await expect(dialog.getByRole('status')).toContainText(/Dry run: [1-9]\d* files? /);
  const list = dialog.getByLabel('Files VACUUM would delete');
  await expect(list).toContainText('.parquet');
  const remove = dialog.getByRole('button', { name: /^Delete \d+ files$/ });
  await expect(remove).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /time travel to version/ }).check();
  await shoot(page, 'delta-dry-run');
  await remove.click();
  await expect(dialog.getByRole('status')).toContainText(/VACUUM deleted [1-9]\d* files?/);
  await shoot(page, 'delta-vacuumed');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await sql.write('SELECT count(*) AS n FROM t');
  await query.getByRole('button', { name: 'Run' }).click();
  await expect(query.getByRole('status')).toContainText('Delta version 4 of 4');
  await expect(
    query.getByRole('grid', { name: 'Preview table' }).getByRole('row').nth(1),
  ).toHaveText(String(deltaTableOrders(1).length));
  await query.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(transfers.job('RESTORE', 'orders')).toContainText('Restored version 1 as version 4');
  const vacuum = transfers.job('VACUUM', 'orders');
  await expect(vacuum).toContainText(/VACUUM deleted [1-9]\d* files?/);
  await expect(vacuum.getByRole('progressbar', { name: 'Progress of orders' })).toHaveAttribute(
    'aria-valuenow',
    '1',
  );
  await shoot(page, 'delta-transfers');
});

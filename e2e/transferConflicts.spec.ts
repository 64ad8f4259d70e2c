import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sampleFiles } from '../src-main/emulator/seed/sampleFiles.js';
import { expect, test } from './fixtures.js';
import { shootBothSizes } from './pages/screenshots.js';
import { expectNoSeriousViolations } from './support/accessibility.js';

/** TRANSFERS_SHOTS=<dir>: the Transfers panel with 24 jobs, at its top and scrolled to its end, at both sizes. */
const shots = process.env.TRANSFERS_SHOTS;

test('downloading a file twice asks; Keep both writes "README (1).md" and the panel names it', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
  transfers,
}) => {
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples');
  await files.row('README.md').click();
  const download = app.page
    .getByRole('toolbar', { name: 'Main' })
    .getByRole('button', { name: 'Download' });
  await download.click();
  const downloads = path.join(dataDir, 'downloads');
  await expect(transfers.job('Download', 'README.md')).toContainText('Completed');
  await expect(transfers.job('Download', 'README.md')).toContainText(
    `Saved to ${path.join(downloads, 'README.md')}`,
  );

  await download.click();
  const second = transfers.job('Download', 'README.md').first();
  await expect(second).toContainText(`“${path.join(downloads, 'README.md')}”`);
  await expect(second).toContainText('already exists');
  await expectNoSeriousViolations(app.page, 'Transfers panel asking about a conflict');
  await second.getByRole('button', { name: 'Keep both' }).click();
  await expect(second).toContainText('Completed');
  await expect(second).toContainText('kept as README (1).md');
  await expect(second).toContainText(`Saved to ${path.join(downloads, 'README (1).md')}`);
  const expected = sampleFiles().find((f) => f.path === 'README.md')!.body;
  expect(readFileSync(path.join(downloads, 'README (1).md')).equals(expected)).toBe(true);
  await expect(app.page.getByRole('contentinfo', { name: 'Status' })).toContainText(
    'Downloaded README.md as README (1).md',
  );
});

test('downloading a folder twice asks once for the batch; Keep both writes each file as "x (1)" and the panel counts them', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
  transfers,
}) => {
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'raw');
  const inSales = sampleFiles().filter((f) => f.path.startsWith('raw/sales/'));
  expect(inSales.length).toBeGreaterThan(1);
  await files.row('sales').click();
  const download = app.page
    .getByRole('toolbar', { name: 'Main' })
    .getByRole('button', { name: 'Download' });
  await download.click();
  await expect(transfers.job('Download', 'sales')).toContainText('Completed');

  await download.click();
  const second = transfers.job('Download', 'sales').first();
  await expect(second).toContainText('already exists');
  await expect(second.getByRole('checkbox', { name: 'Apply to all in this batch' })).toBeChecked();
  await second.getByRole('button', { name: 'Keep both' }).click();
  await expect(second).toContainText('Completed');
  await expect(second).toContainText(`${inSales.length} kept under a new name`);
  await expect(second).not.toContainText('already exists');
  const downloads = path.join(dataDir, 'downloads');
  for (const f of inSales) {
    const local = path.join(downloads, ...f.path.split('/').slice(1));
    const ext = path.extname(local);
    const kept = `${local.slice(0, -ext.length)} (1)${ext}`;
    expect(readFileSync(local).equals(f.body)).toBe(true);
    expect(readFileSync(kept).equals(f.body)).toBe(true);
  }
});

test('the Transfers panel keeps a bounded height (its list scrolls) and can be collapsed', async ({
  app,
  welcome,
  tree,
  transfers,
}) => {
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples');
  // Dropped on a folder of the tree: one upload job per file.
  const drop = await app.page.evaluateHandle((n) => {
    const data = new DataTransfer();
    for (let i = 0; i < n; i++)
      data.items.add(new File([`note ${i}\n`], `note-${String(i).padStart(2, '0')}.txt`));
    return data;
  }, 24);
  await tree
    .item('misc')
    .getByText('misc', { exact: true })
    .dispatchEvent('drop', { dataTransfer: drop });
  // The list is virtualised: the rows in view are in the DOM, each telling its place of 24.
  const uploads = transfers.region.getByRole('listitem', { name: /^Upload note-/ });
  await expect(uploads.first()).toHaveAttribute('aria-setsize', '24');
  await expect(transfers.region).toContainText('All finished · 24 completed');

  const viewport = app.page.viewportSize()!;
  const box = (await transfers.region.boundingBox())!;
  expect(box.height).toBeLessThanOrEqual(viewport.height * 0.4);
  const list = transfers.region.getByRole('group', { name: 'Transfer list' });
  expect(await list.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
  // The status bar stays below the panel, inside the window.
  const status = (await app.page.getByRole('contentinfo', { name: 'Status' }).boundingBox())!;
  expect(status.y).toBeGreaterThanOrEqual(box.y + box.height - 1);
  expect(status.y + status.height).toBeLessThanOrEqual(viewport.height + 1);

  // Newest first: scrolled to its end, the list shows the first file dropped, 24th of 24.
  await expect(transfers.job('Upload', 'note-23.txt')).toHaveAttribute('aria-posinset', '1');
  await shootBothSizes(app.page, shots, 'transfers-24-top');
  await list.evaluate((e) => e.scrollTo({ top: e.scrollHeight }));
  await expect(transfers.job('Upload', 'note-00.txt')).toBeVisible();
  await shootBothSizes(app.page, shots, 'transfers-24-end');
  await expect(transfers.job('Upload', 'note-00.txt')).toHaveAttribute('aria-posinset', '24');
  expect(await uploads.count()).toBeLessThan(24);
  await list.evaluate((e) => e.scrollTo({ top: 0 }));

  await transfers.region.getByRole('button', { name: 'Collapse Transfers' }).click();
  await expect(list).toBeHidden();
  await expect(transfers.region).toContainText('All finished · 24 completed');
  expect((await transfers.region.boundingBox())!.height).toBeLessThan(60);
  await transfers.region.getByRole('button', { name: 'Expand Transfers' }).click();
  await expect(list).toBeVisible();

  // Every row's bar starts at the same x: the controls column has one width.
  const bars = transfers.region.getByRole('progressbar');
  const xs = await bars.evaluateAll((els) =>
    els.slice(0, 6).map((e) => Math.round(e.getBoundingClientRect().x)),
  );
  expect(new Set(xs).size).toBe(1);
});

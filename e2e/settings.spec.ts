import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sampleFiles } from '../src-main/emulator/seed/sampleFiles.js';
import { expect, test } from './fixtures.js';
import { SettingsDialog } from './pages/settingsDialog.js';

test('a download folder picked in the in-app picker receives downloads; resume on start is saved', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
  transfers,
}) => {
  const picked = path.join(dataDir, 'downloads', 'lake exports');
  mkdirSync(picked, { recursive: true });
  await welcome.pickLocalEmulator();
  const settings = new SettingsDialog(app.page);
  await settings.open();
  await expect(settings.downloadFolder()).toHaveValue(path.join(dataDir, 'downloads'));
  await settings.pickDownloadFolder('lake exports');
  await expect(settings.downloadFolder()).toHaveValue(picked);
  await settings.resumeSwitch().click();
  await expect(settings.resumeSwitch()).toBeChecked();
  const saved = JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as unknown;
  // Beside the last location shown, which settings also keep.
  expect(saved).toMatchObject({ resumeTransfersOnStart: true, downloadDirectory: picked });
  await settings.dialog.getByRole('button', { name: 'Close' }).click();

  await tree.expand('Local emulator', 'samples', 'raw', 'sales', '2025', '01');
  await files.row('orders.csv').click();
  await app.page
    .getByRole('toolbar', { name: 'Main' })
    .getByRole('button', { name: 'Download' })
    .click();
  await expect(transfers.job('Download', 'orders.csv')).toContainText('Completed');
  const expected = sampleFiles().find((f) => f.path === 'raw/sales/2025/01/orders.csv')!.body;
  expect(readFileSync(path.join(picked, 'orders.csv')).equals(expected)).toBe(true);
});

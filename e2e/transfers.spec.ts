import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sampleFiles } from '../src-main/emulator/seed/sampleFiles.js';
import { expect, test } from './fixtures.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';

test('downloads a file from the list and uploads a picked file; the Transfers panel shows both finish', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
  transfers,
}) => {
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'raw', 'sales', '2025', '01');

  // Download: the bytes on disk are the blob's.
  await files.row('orders.csv').click();
  await app.page
    .getByRole('toolbar', { name: 'Main' })
    .getByRole('button', { name: 'Download' })
    .click();
  await expect(transfers.job('Download', 'orders.csv')).toContainText('Completed');
  const expected = sampleFiles().find((f) => f.path === 'raw/sales/2025/01/orders.csv')!.body;
  expect(readFileSync(path.join(dataDir, 'downloads', 'orders.csv')).equals(expected)).toBe(true);

  // Upload through the file picker (browser mode stages the bytes in main first).
  const local = path.join(dataDir, 'notes.txt');
  writeFileSync(local, 'uploaded from the e2e test\n');
  const chooser = app.page.waitForEvent('filechooser');
  await app.page.getByRole('button', { name: 'Upload files' }).click();
  await (await chooser).setFiles(local);
  await expect(transfers.job('Upload', 'notes.txt')).toContainText('Completed');
  await expect(files.row('notes.txt')).toBeVisible();
  const blob = await emulatorBlobService(dataDir)
    .getContainerClient('samples')
    .getBlobClient('raw/sales/2025/01/notes.txt')
    .downloadToBuffer();
  expect(blob.toString()).toBe('uploaded from the e2e test\n');
});

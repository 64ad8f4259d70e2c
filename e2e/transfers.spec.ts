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

  // Upload two files through the file picker (browser mode stages the bytes in main first):
  // one batch, announced once in the status bar when both are in.
  const local = path.join(dataDir, 'notes.txt');
  writeFileSync(local, 'uploaded from the e2e test\n');
  const second = path.join(dataDir, 'second.txt');
  writeFileSync(second, 'second\n');
  const chooser = app.page.waitForEvent('filechooser');
  await app.page.getByRole('button', { name: 'Upload files' }).click();
  await (await chooser).setFiles([local, second]);
  await expect(transfers.job('Upload', 'notes.txt')).toContainText('Completed');
  await expect(transfers.job('Upload', 'second.txt')).toContainText('Completed');
  await expect(files.row('notes.txt')).toBeVisible();
  await expect(app.page.getByRole('contentinfo', { name: 'Status' })).toContainText(
    'Uploaded 2 items (2 files) to samples/raw/sales/2025/01.',
  );
  await expect(transfers.region).toContainText('All finished');
  await expect(transfers.region).not.toContainText('0 bytes of 0 bytes');
  const blob = await emulatorBlobService(dataDir)
    .getContainerClient('samples')
    .getBlobClient('raw/sales/2025/01/notes.txt')
    .downloadToBuffer();
  expect(blob.toString()).toBe('uploaded from the e2e test\n');
});

test('files dropped on a directory in the tree upload into it', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
  transfers,
}) => {
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'raw');
  const drop = await app.page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['dropped on the tree\n'], 'dropped.txt', { type: 'text/plain' }));
    return data;
  });
  await tree
    .item('config')
    .getByText('config', { exact: true })
    .dispatchEvent('drop', { dataTransfer: drop });
  await expect(transfers.job('Upload', 'dropped.txt')).toContainText('Completed');
  const blob = await emulatorBlobService(dataDir)
    .getContainerClient('samples')
    .getBlobClient('raw/config/dropped.txt')
    .downloadToBuffer();
  expect(blob.toString()).toBe('dropped on the tree\n');
  await tree.select('config');
  await expect(files.row('dropped.txt')).toBeVisible();
});

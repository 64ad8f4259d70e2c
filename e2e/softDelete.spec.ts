import { BlobServiceClient } from '@azure/storage-blob';
import { expect, test } from './fixtures.js';
import { PathDialogs } from './pages/pathDialogs.js';
import { expectNoSeriousViolations } from './support/accessibility.js';
import { startSoftDeleteAccount } from './support/dfs.js';

test('Show deleted lists a soft-deleted blob and Undelete brings it back byte for byte', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
}) => {
  const page = app.page;
  await welcome.pickLocalEmulator();
  const account = await startSoftDeleteAccount(dataDir);
  try {
    const service = BlobServiceClient.fromConnectionString(account.connectionString);
    await service.setProperties({ deleteRetentionPolicy: { enabled: true, days: 7 } });
    const container = service.getContainerClient('trash');
    await container.create();
    await container.getBlockBlobClient('reports/kept.csv').upload('k,1\n', 4);
    await container.getBlockBlobClient('reports/old.csv').upload('old,22\n', 7);
    await container.getBlobClient('reports/old.csv').delete();

    await welcome.addConnectionString('Kept lake', account.connectionString);
    await tree.expand('Kept lake', 'trash', 'reports');
    await expect(files.rows()).toHaveCount(1);

    await new PathDialogs(page).toolbar('Show deleted');
    const dialog = page.getByRole('dialog', { name: 'Deleted blobs' });
    await expect(dialog).toContainText('Deleted blobs are kept for 7 days.');
    const list = dialog.getByRole('list', { name: 'Deleted blobs' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expectNoSeriousViolations(page, 'Deleted blobs dialog');
    await list.getByRole('checkbox', { name: 'old.csv' }).check();
    await dialog.getByRole('button', { name: 'Undelete (1)' }).click();
    await expect(dialog).toContainText('Restored 1.');
    await expect(dialog).toContainText('No deleted blobs here.');
    // Each sentence is its own paragraph (seen run together: "…to keep them.No deleted blobs here.").
    expect(await dialog.innerText()).toMatch(/\.\n+No deleted blobs here\./);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await expect(files.row('old.csv')).toBeVisible();
    const restored = await container.getBlobClient('reports/old.csv').downloadToBuffer();
    expect(restored.toString()).toBe('old,22\n');
  } finally {
    await account.stop();
  }
});

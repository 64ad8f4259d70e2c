import { DataLakeServiceClient, StorageSharedKeyCredential } from '@azure/storage-file-datalake';
import { emulatorAccount } from '../src-main/emulator/azurite.js';
import { expect, test } from './fixtures.js';
import { PropertiesPanel } from './pages/propertiesPanel.js';
import { shootBothSizes } from './pages/screenshots.js';
import { signInWithDeviceCode } from './support/entraDeviceSignIn.js';
import { useSignedInWorld } from './support/specWorld.js';

const tenantId = '6e8a0c2e-4a6c-4e8a-8c2e-4a6c8e0a2c4e';
const blobs = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const spec = useSignedInWorld(
  {
    tenantId,
    domain: 'northwind.test',
    tenantName: 'Northwind',
    clientId: 'e2e00000-0000-4000-8000-0000000000d4',
    subscriptionId: '66666666-6666-4666-8666-666666666666',
    subscriptionName: 'Northwind lake',
    enforceDataRoles: true,
    hierarchicalNamespace: true,
    storageAccounts: (blobEndpoint) => [
      {
        name: 'northwindadls',
        resourceGroup: 'rg-lake',
        blobEndpoint: `${blobEndpoint}/`,
        isHnsEnabled: true,
        // Storage Blob Data Contributor's data actions: no modifyPermissions (Owner's).
        permissions: {
          actions: [],
          dataActions: [
            `${blobs}/read`,
            `${blobs}/write`,
            `${blobs}/delete`,
            `${blobs}/move/action`,
            `${blobs}/add/action`,
          ],
        },
      },
    ],
  },
  async ({ put, world }) => {
    expect((await put('/sales?restype=container')).status).toBe(201);
    const file = await put('/sales/emea/q3.csv', {
      headers: { 'x-ms-blob-type': 'BlockBlob' },
      body: 'region,total\n',
    });
    expect(file.status).toBe(201);
    world.dataRoles!.grant('ora@northwind.test', [{ role: 'contributor' }]);
  },
);

test('a Contributor saving an HNS folder’s ACL is told to ask for Storage Blob Data Owner on the container, and the ACL stays', async ({
  app,
  tree,
  files,
  chromiumBrowser,
}) => {
  const page = app.page;
  await signInWithDeviceCode(page, chromiumBrowser, {
    tenant: 'northwind.test',
    login: 'ora',
    username: 'ora@northwind.test',
  });
  await tree.expand('ora@northwind.test', 'Northwind', 'Northwind lake', 'northwindadls', 'sales');
  await files.row('emea').click();
  const properties = new PropertiesPanel(page);
  await properties.openForSelection();
  const access = properties.region.getByRole('region', { name: 'Access control' });
  const otherRead = access.getByRole('checkbox', { name: 'Read for other:' });
  await expect(otherRead).toBeVisible();
  const wasChecked = await otherRead.isChecked();
  await otherRead.click();
  await page.setViewportSize({ width: 1024, height: 640 });
  await access.getByRole('button', { name: 'Save access control' }).click();

  const refusal = access.getByRole('alert');
  await expect(refusal).toContainText('Could not save access control');
  await expect(refusal).toContainText(
    'may not change access control in container "sales" of account devstoreaccount1: ask for the Storage Blob Data Owner role on the container (or on the account, which covers every container)',
  );
  await expect(access.getByText('Access control saved.')).toBeHidden();
  // Below the ACL table, yet brought into the short pane's view.
  await expect(refusal).toBeInViewport({ ratio: 0.9 });
  // The Id column has room beside its neighbours (it was 18 px wide, its header under "r").
  const idBox = (await access.getByRole('textbox', { name: 'Id of entry 1' }).boundingBox())!;
  const readBox = (await access
    .getByRole('checkbox', { name: /^Read for user:/ })
    .first()
    .boundingBox())!;
  expect(idBox.width).toBeGreaterThanOrEqual(100);
  expect(idBox.x + idBox.width).toBeLessThanOrEqual(readBox.x);
  await shootBothSizes(page, process.env.ENTRA_SHOTS, 'acl-needs-owner');

  // The DFS server kept the ACL as it was: read back with the account key.
  const folder = new DataLakeServiceClient(
    spec.world.dfs!.url,
    new StorageSharedKeyCredential(emulatorAccount.name, emulatorAccount.key),
  )
    .getFileSystemClient('sales')
    .getDirectoryClient('emea');
  const kept = await folder.getAccessControl();
  expect(kept.permissions?.other.read).toBe(wasChecked);
});

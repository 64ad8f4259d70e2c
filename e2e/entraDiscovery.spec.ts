import { writeFileSync } from 'node:fs';
import { get } from 'node:https';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { PathDialogs } from './pages/pathDialogs.js';
import { PropertiesPanel } from './pages/propertiesPanel.js';
import { shootBothSizes } from './pages/screenshots.js';
import { azuriteRequest, signInWithDeviceCode } from './support/entraDeviceSignIn.js';
import { useSignedInWorld } from './support/specWorld.js';

const tenantId = '4c6e8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c';
const clientId = 'e2e00000-0000-4000-8000-0000000000d1';
const subscriptionId = '66666666-6666-4666-8666-666666666666';
const spec = useSignedInWorld(
  {
    tenantId,
    domain: 'woodgrove.test',
    tenantName: 'Woodgrove',
    clientId,
    subscriptionId,
    subscriptionName: 'Woodgrove analytics',
    storageAccounts: (blobEndpoint) => [
      {
        name: 'woodgrovelake',
        resourceGroup: 'rg-lake',
        blobEndpoint: `${blobEndpoint}/`,
        // Storage Blob Data Contributor on the account: the toolbar offers uploads.
        permissions: {
          actions: [],
          dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'],
        },
      },
    ],
  },
  async ({ put }) => {
    const created = await put('/landing?restype=container');
    expect(created.status).toBe(201);
  },
);

test('sign in, see the subscription and its storage account in the tree, open a container and upload a file', async ({
  app,
  tree,
  files,
  transfers,
  dataDir,
  chromiumBrowser,
}) => {
  const page = app.page;
  await signInWithDeviceCode(page, chromiumBrowser, {
    tenant: 'woodgrove.test',
    login: 'ivy',
    username: 'ivy@woodgrove.test',
  });
  // No saved connection, but a signed-in account: the tree, not the welcome screen.
  await tree.expand('ivy@woodgrove.test', 'Woodgrove', 'Woodgrove analytics');
  const account = await tree.expand('woodgrovelake');
  await expect(account).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('grid')).toBeVisible();
  const dialogs = new PathDialogs(page);
  await tree.expand('woodgrovelake', 'landing');

  const local = path.join(dataDir, 'readings.csv');
  writeFileSync(local, 'sensor,value\na,1\n');
  const chooser = page.waitForEvent('filechooser');
  await dialogs.toolbar('Upload files');
  await (await chooser).setFiles([local]);
  await expect(transfers.job('Upload', 'readings.csv')).toContainText('Completed');
  await expect(files.row('readings.csv')).toBeVisible();

  // The bytes are in the account Resource Manager named, written with the identity's token.
  const written = await azuriteRequest(`${spec.world.azurite.blobEndpoint}/landing/readings.csv`, {
    method: 'GET',
    ca: spec.tls.ca,
    tenantId,
  });
  expect(written).toEqual({ status: 200, body: 'sensor,value\na,1\n' });

  // Share it: a URL with a user delegation SAS, read-only, that works with no credential.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await files.row('readings.csv').click();
  const properties = new PropertiesPanel(page);
  await properties.openForSelection();
  await properties.region.getByRole('combobox', { name: 'Works for' }).selectOption('1h');
  await properties.region.getByRole('button', { name: 'Copy URL with SAS' }).click();
  await expect(properties.region.getByRole('status').last()).toContainText(
    'URL with SAS copied: read-only, works until',
  );
  const shared = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(shared.searchParams.get('sp')).toBe('r');
  expect(shared.searchParams.get('skoid')).toBeTruthy();
  const anonymous = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(shared, { ca: spec.tls.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    }).on('error', reject);
  });
  expect(anonymous).toEqual({ status: 200, body: 'sensor,value\na,1\n' });
  await shootBothSizes(page, process.env.ENTRA_SHOTS, 'discovery');
});

test('a sign-in that can no longer be refreshed offers Sign in again in the tree, and the tree comes back after it', async ({
  app,
  tree,
  chromiumBrowser,
}) => {
  const page = app.page;
  const who = { tenant: 'woodgrove.test', login: 'jo', username: 'jo@woodgrove.test' };
  await signInWithDeviceCode(page, chromiumBrowser, who);
  // The refresh token is refused from now on (expired or revoked), as Entra answers AADSTS700082.
  spec.world.entra.setRefreshRefused(true);
  try {
    await tree.select('jo@woodgrove.test');
    const again = tree.item('jo@woodgrove.test').getByRole('button', { name: 'Sign in again' });
    await expect(again).toBeVisible({ timeout: 30_000 });
    await expect(tree.root.getByRole('alert')).toContainText(/sign in again/);
    await shootBothSizes(page, process.env.ENTRA_SHOTS, 'sign-in-again');
  } finally {
    spec.world.entra.setRefreshRefused(false);
  }
  await signInWithDeviceCode(page, chromiumBrowser, {
    ...who,
    openDialog: () =>
      tree.item('jo@woodgrove.test').getByRole('button', { name: 'Sign in again' }).click(),
  });
  await tree.expand('Woodgrove', 'Woodgrove analytics', 'woodgrovelake');
  await expect(
    tree.item('jo@woodgrove.test').getByRole('button', { name: 'Sign in again' }),
  ).toBeHidden();
});

import { emulatorAccount } from '../src-main/emulator/azurite.js';
import { expect, test } from './fixtures.js';
import { shootBothSizes } from './pages/screenshots.js';
import { addEntraConnection, signInWithDeviceCode } from './support/entraDeviceSignIn.js';
import { useSignedInWorld } from './support/specWorld.js';

const tenantId = '2e4a6c8e-0a2c-4e6a-8c0e-4a6c8e0a2c4e';
const clientId = 'e2e00000-0000-4000-8000-0000000000d2';
const subscriptionId = '88888888-8888-4888-8888-888888888888';
const spec = useSignedInWorld(
  {
    tenantId,
    domain: 'contoso.test',
    tenantName: 'Contoso',
    clientId,
    subscriptionId,
    subscriptionName: 'Contoso research',
    enforceDataRoles: true,
    storageAccounts: (blobEndpoint) => [
      {
        name: 'contosolake',
        resourceGroup: 'rg-research',
        blobEndpoint: `${blobEndpoint}/`,
        // Contributor on the account (listKeys), but no data role.
        permissions: { actions: ['*'], dataActions: [] },
        keys: [emulatorAccount.key],
      },
    ],
  },
  async ({ put }) => {
    const created = await put('/findings?restype=container');
    expect(created.status).toBe(201);
  },
);

test('without a data role the account says which role is missing and offers Use account key instead, which lists its containers', async ({
  app,
  tree,
  chromiumBrowser,
}) => {
  const page = app.page;
  await signInWithDeviceCode(page, chromiumBrowser, {
    tenant: 'contoso.test',
    login: 'kim',
    username: 'kim@contoso.test',
  });
  await tree.expand('kim@contoso.test', 'Contoso', 'Contoso research', 'contosolake');
  const main = page.getByRole('main');
  const refusal = main.getByRole('alert');
  await expect(refusal).toContainText('Could not list the containers: PermissionDenied');
  await expect(refusal).toContainText(
    'may not read on account devstoreaccount1: ask for the Storage Blob Data Reader role on the account',
  );
  const offer = main.getByRole('button', { name: 'Use account key instead' });
  await expect(offer).toBeVisible();
  // The tree offers it under the account too.
  await expect(
    tree.item('contosolake').getByRole('button', { name: 'Use account key instead' }),
  ).toBeVisible();
  // The tree's copy of the refusal stays inside the tree's pane: long words break, four lines.
  const treeRefusal = tree.item('contosolake').getByRole('alert');
  await expect(treeRefusal).toContainText('PermissionDenied: You are signed in');
  const listPane = (await main.boundingBox())!;
  const note = (await treeRefusal.boundingBox())!;
  expect(note.x + note.width).toBeLessThanOrEqual(listPane.x);
  expect(note.height).toBeLessThanOrEqual(4 * 20 + 1);
  await shootBothSizes(page, process.env.ENTRA_SHOTS, 'use-account-key');
  await offer.click();
  await expect(
    page.getByRole('grid', { name: 'Containers' }).getByRole('row', { name: /findings/ }),
  ).toBeVisible();
  await expect(refusal).toBeHidden();
  await expect(offer).toBeHidden();
  await expect(tree.item('contosolake').getByRole('treeitem', { name: 'findings' })).toBeVisible();
});

test('with only ACLs on a folder, Add connection attaches the folder by URL and browsing starts there', async ({
  app,
  tree,
  files,
  chromiumBrowser,
}) => {
  const page = app.page;
  const put = await spec.put('/findings/team/q3/summary.csv', {
    headers: { 'x-ms-blob-type': 'BlockBlob' },
    body: 'k,v\n',
  });
  expect(put.status).toBe(201);
  spec.world.dataRoles!.grant('lee@contoso.test', [
    { role: 'reader', container: 'findings', directory: 'team/q3' },
  ]);
  await signInWithDeviceCode(page, chromiumBrowser, {
    tenant: 'contoso.test',
    login: 'lee',
    username: 'lee@contoso.test',
  });
  await addEntraConnection(
    page,
    'lee@contoso.test',
    `${spec.world.dataRoles!.blobEndpoint}/findings/team/q3`,
  );
  const name = 'devstoreaccount1/findings/team/q3 (lee@contoso.test)';
  await tree.expand(name, 'findings/team/q3');
  await expect(files.row('summary.csv')).toBeVisible();
  await shootBothSizes(page, process.env.ENTRA_SHOTS, 'attached-folder');
});

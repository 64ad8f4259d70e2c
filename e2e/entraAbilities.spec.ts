import path from 'node:path';
import { expect, test } from './fixtures.js';
import { expectToolbarAbilities } from './steps/toolbarAbilities.js';
import { addEntraConnection, signInWithDeviceCode } from './support/entraDeviceSignIn.js';
import { useSignedInWorld } from './support/specWorld.js';

const tenantId = '5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b3d';
const clientId = 'e2e00000-0000-4000-8000-0000000000d3';
const blobs = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const spec = useSignedInWorld(
  {
    tenantId,
    domain: 'tailspin.test',
    tenantName: 'Tailspin',
    clientId,
    subscriptionId: '99999999-9999-4999-8999-999999999999',
    subscriptionName: 'Tailspin reports',
    enforceDataRoles: true,
    storageAccounts: (blobEndpoint) => [
      {
        name: 'tailspinlake',
        resourceGroup: 'rg-reports',
        blobEndpoint: `${blobEndpoint}/`,
        // Storage Blob Data Reader on the account, as Resource Manager's permissions say.
        permissions: { actions: [], dataActions: [`${blobs}/read`] },
      },
    ],
  },
  async ({ world, put }) => {
    world.dataRoles!.grant('nia@tailspin.test', [{ role: 'reader' }]);
    for (const [where, headers, body] of [
      ['/reports?restype=container', {}, undefined],
      ['/reports/q4.csv', { 'x-ms-blob-type': 'BlockBlob' }, 'region,total\nnorth,4\n'],
    ] as const) {
      const answer = await put(where, { headers, ...(body ? { body } : {}) });
      expect(answer.status).toBe(201);
    }
  },
);

test("a discovered account's toolbar and menu follow its data roles: a Reader's changes are off, the missing role in the tooltip", async ({
  app,
  tree,
  files,
  chromiumBrowser,
}) => {
  const page = app.page;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signInWithDeviceCode(page, chromiumBrowser, {
    tenant: 'tailspin.test',
    login: 'nia',
    username: 'nia@tailspin.test',
  });
  await tree.expand('nia@tailspin.test', 'Tailspin', 'Tailspin reports', 'tailspinlake', 'reports');
  await files.row('q4.csv').click();

  await expectToolbarAbilities(page, {
    titled: ['New folder', 'Upload files', 'Upload folder'],
    title: new RegExp(
      `not allowed: Your data roles on the account do not allow ${blobs}/write \\(Storage Blob Data Contributor has it\\)`,
    ),
    off: ['New folder', 'Rename', 'Delete', 'Cut', 'Upload files', 'Upload folder'],
    // Reading is what the role gives: Copy and Download stay on.
    on: ['Copy', 'Download'],
  });

  await files.row('q4.csv').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'File actions' });
  await expect(menu.getByRole('menuitem', { name: 'Delete…' })).toBeDisabled();
  await expect(menu.getByRole('menuitem', { name: 'Copy Ctrl+C' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  // The key is refused with the reason before any dialog opens: nothing reaches the service.
  await files.row('q4.csv').click();
  await page.keyboard.press('Delete');
  await expect(
    page.getByText(`${blobs}/delete (Storage Blob Data Contributor has it)`),
  ).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Delete' })).toHaveCount(0);
  const shots = path.join('test-results', 'entra-abilities');
  for (const [w, h] of [
    [1024, 640],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: path.join(shots, `toolbar-${w}x${h}.png`) });
  }
});

test("a connection added by URL gets the same roles from Resource Manager's account at its host: a Reader's writes are off", async ({
  app,
  tree,
  files,
  chromiumBrowser,
}) => {
  const page = app.page;
  await signInWithDeviceCode(page, chromiumBrowser, {
    tenant: 'tailspin.test',
    login: 'nia',
    username: 'nia@tailspin.test',
  });
  await addEntraConnection(
    page,
    'nia@tailspin.test',
    `${spec.world.dataRoles!.blobEndpoint}/reports`,
  );
  await tree.expand('devstoreaccount1/reports (nia@tailspin.test)', 'reports');
  await files.row('q4.csv').click();

  await expectToolbarAbilities(page, {
    titled: ['Upload files'],
    title: new RegExp(
      `not allowed: Your data roles on container "reports" do not allow ${blobs}/write \\(Storage Blob Data Contributor has it\\)`,
    ),
    off: ['New folder', 'Rename', 'Delete', 'Upload files'],
    on: ['Download'],
  });
});

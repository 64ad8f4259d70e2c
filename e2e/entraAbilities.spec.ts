import path from 'node:path';
import { startSignedInWorld, type SignedInWorld } from '../test/support/arm/signedInWorld.js';
import { generateTestTls, type TestTls } from '../test/support/entra/testTls.js';
import { expect, test } from './fixtures.js';
import { azuriteRequest, signInWithDeviceCode } from './support/entraDeviceSignIn.js';

const tenantId = '5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b3d';
const clientId = 'e2e00000-0000-4000-8000-0000000000d3';
const blobs = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs';
const envNames = [
  'AZURE_AUTHORITY_HOST',
  'LAKESHORE_ARM_ENDPOINT',
  'LAKESHORE_CLIENT_ID',
  'NODE_EXTRA_CA_CERTS',
];

let tls: TestTls;
let world: SignedInWorld;

test.beforeAll(async () => {
  tls = generateTestTls();
  world = await startSignedInWorld({
    tls,
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
  });
  world.dataRoles!.grant('nia@tailspin.test', [{ role: 'reader' }]);
  const base = world.azurite.blobEndpoint;
  for (const [url, headers, body] of [
    [`${base}/reports?restype=container`, {}, undefined],
    [`${base}/reports/q4.csv`, { 'x-ms-blob-type': 'BlockBlob' }, 'region,total\nnorth,4\n'],
  ] as const) {
    const answer = await azuriteRequest(url, {
      method: 'PUT',
      ca: tls.ca,
      tenantId,
      headers,
      ...(body ? { body } : {}),
    });
    expect(answer.status).toBe(201);
  }
  Object.assign(process.env, world.env);
  process.env.NODE_EXTRA_CA_CERTS = tls.caPath;
});

test.afterAll(async () => {
  for (const name of envNames) delete process.env[name];
  await world?.stop();
});

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

  const bar = page.getByRole('toolbar', { name: 'Main' });
  const button = (name: string) => bar.getByRole('button', { name, exact: true });
  const missing = (action: string) =>
    new RegExp(
      `not allowed: Your data roles on the account do not allow ${blobs}/${action} \\(Storage Blob Data Contributor has it\\)`,
    );
  for (const name of ['New folder', 'Upload files', 'Upload folder'])
    await expect(button(name)).toHaveAttribute('title', missing('write'));
  for (const name of ['New folder', 'Rename', 'Delete', 'Cut', 'Upload files', 'Upload folder'])
    await expect(button(name)).toBeDisabled();
  // Reading is what the role gives: Copy and Download stay on.
  await expect(button('Copy')).toBeEnabled();
  await expect(button('Download')).toBeEnabled();

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

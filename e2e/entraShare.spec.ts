import { get } from 'node:https';
import { expect, test } from './fixtures.js';
import { shootBothSizes } from './pages/screenshots.js';
import { addEntraConnection, signInWithDeviceCode } from './support/entraDeviceSignIn.js';
import { useSignedInWorld } from './support/specWorld.js';

const spec = useSignedInWorld(
  {
    tenantId: '5d7f9b1d-3f5b-4d7f-9b1d-3f5b7d9f1b3d',
    domain: 'adatum.test',
    tenantName: 'Adatum',
    clientId: 'e2e00000-0000-4000-8000-0000000000d5',
    subscriptionId: '55555555-5555-4555-8555-555555555555',
    subscriptionName: 'Adatum sales',
    storageAccounts: (blobEndpoint) => [
      {
        name: 'adatumlake',
        resourceGroup: 'rg-sales',
        blobEndpoint: `${blobEndpoint}/`,
        permissions: {
          actions: [],
          dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'],
        },
      },
    ],
  },
  async ({ put }) => {
    expect((await put('/sales?restype=container')).status).toBe(201);
    const blob = { headers: { 'x-ms-blob-type': 'BlockBlob' } };
    expect(
      (await put('/sales/summary.csv', { ...blob, body: 'region,total\nnorth,7\n' })).status,
    ).toBe(201);
    expect((await put('/sales/reports/q1.csv', { ...blob, body: 'q\n1\n' })).status).toBe(201);
  },
);

/** GETs `url` with no credential, trusting the run's CA. */
const anonymousGet = (url: URL) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, { ca: spec.tls.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    }).on('error', reject);
  });

test('Copy URL with SAS from a file’s context menu copies a read-only URL that works with no credential; a flat account’s folder is refused in words', async ({
  app,
  tree,
  files,
  chromiumBrowser,
}) => {
  const page = app.page;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInWithDeviceCode(page, chromiumBrowser, {
    tenant: 'adatum.test',
    login: 'lee',
    username: 'lee@adatum.test',
  });
  await tree.expand('lee@adatum.test', 'Adatum', 'Adatum sales', 'adatumlake', 'sales');
  await files.row('summary.csv').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy URL with SAS…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Copy URL with SAS' });
  await expect(dialog).toContainText('Copy URL with SAS: summary.csv');
  await dialog.getByRole('combobox', { name: 'Works for' }).selectOption('1h');
  await dialog.getByRole('button', { name: 'Copy URL with SAS' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    'URL with SAS copied: read-only, works until',
  );
  await shootBothSizes(page, process.env.ENTRA_SHOTS, 'copy-url-with-sas');
  const shared = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(shared.pathname).toBe('/devstoreaccount1/sales/summary.csv');
  expect(Object.fromEntries(shared.searchParams)).toMatchObject({ sr: 'b', sp: 'r' });
  const lifetime = Date.parse(shared.searchParams.get('se')!) - Date.now();
  expect(lifetime).toBeGreaterThan(55 * 60_000);
  expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
  expect(await anonymousGet(shared)).toEqual({ status: 200, body: 'region,total\nnorth,7\n' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // A folder's URL with SAS is a directory SAS, which a flat account (Azurite) does not honour.
  await files.row('reports').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy URL with SAS…' }).click();
  await expect(dialog).toContainText('Copy URL with SAS: reports/');
  await expect(dialog).toContainText('read and list everything in this folder');
  await dialog.getByRole('button', { name: 'Copy URL with SAS' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'works only on accounts with a hierarchical namespace, and devstoreaccount1 has none',
  );
  await shootBothSizes(page, process.env.ENTRA_SHOTS, 'copy-url-with-sas-folder-flat');
});

test('above a folder attached by URL the breadcrumbs are shown but do not open (the service would refuse them)', async ({
  app,
  tree,
  files,
  chromiumBrowser,
}) => {
  const page = app.page;
  await signInWithDeviceCode(page, chromiumBrowser, {
    tenant: 'adatum.test',
    login: 'ana',
    username: 'ana@adatum.test',
  });
  await addEntraConnection(
    page,
    'ana@adatum.test',
    `${spec.world.azurite.blobEndpoint}/sales/reports`,
  );
  await tree.expand('devstoreaccount1/sales/reports (ana@adatum.test)', 'sales/reports');
  await expect(files.row('q1.csv')).toBeVisible();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('button', { name: 'sales', exact: true })).toBeDisabled();
  await expect(crumbs.getByRole('button', { name: 'reports', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await shootBothSizes(page, process.env.ENTRA_SHOTS, 'attached-folder-breadcrumbs');
  // Up from the attached folder goes to the connection, not to the folder above it.
  await page.getByRole('button', { name: 'Up', exact: true }).click();
  const containers = page.getByRole('grid', { name: 'Containers' });
  await expect(containers.getByRole('row', { name: /sales/ })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});

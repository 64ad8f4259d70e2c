import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { shootBothSizes } from './pages/screenshots.js';
import { useSignedInWorld } from './support/specWorld.js';

/** SERVICE_PRINCIPAL_SHOTS=<dir>: Add connection's service-principal fields, filled and refused, at both sizes. */
const shots = process.env.SERVICE_PRINCIPAL_SHOTS;
const tenantId = '6b8d0f2a-4c6e-4b8d-8f2a-4c6e8b0d2f4a';
const app = { clientId: 'e2e5e700-0000-4000-8000-0000000000a7', clientSecret: 'e2e~Sp.s3cret_7' };
const spec = useSignedInWorld(
  {
    tenantId,
    domain: 'northwind.test',
    tenantName: 'Northwind',
    clientId: 'e2e00000-0000-4000-8000-0000000000a8',
    subscriptionId: '77777777-7777-4777-8777-777777777777',
    subscriptionName: 'Northwind data',
    enforceDataRoles: true,
    applications: [app],
    storageAccounts: () => [],
  },
  async ({ world, put }) => {
    world.dataRoles!.grant(app.clientId, [{ role: 'reader', container: 'ledger' }]);
    for (const [where, headers, body] of [
      ['/ledger?restype=container', {}, undefined],
      ['/ledger/2026-q4.csv', { 'x-ms-blob-type': 'BlockBlob' }, 'account,amount\n4000,12\n'],
    ] as const) {
      const answer = await put(where, { headers, ...(body ? { body } : {}) });
      expect(answer.status).toBe(201);
    }
  },
);

/** Opens Add connection and fills the service principal's fields with `secret`. */
async function fillServicePrincipal(page: Page, secret: string) {
  await page
    .getByRole('button', { name: /^Add connection/ })
    .first()
    .click();
  const add = page.getByRole('dialog', { name: 'Add connection' });
  await add.getByRole('radio', { name: 'Service principal' }).check();
  await add.getByRole('combobox', { name: 'Cloud' }).selectOption('custom');
  await add.getByRole('textbox', { name: 'Tenant' }).fill('northwind.test');
  await add.getByRole('textbox', { name: 'Application (client) id' }).fill(app.clientId);
  await expect(add.getByRole('radio', { name: 'Client secret' })).toBeChecked();
  await add.getByLabel('Secret value').fill(secret);
  await add
    .getByRole('textbox', { name: 'Account, container or folder URL' })
    .fill(`${spec.world.dataRoles!.blobEndpoint}/ledger`);
  return add;
}

test('a service principal with a client secret connects through its data role and lists its container', async ({
  app: lakeshore,
  tree,
  files,
}) => {
  const page = lakeshore.page;
  const add = await fillServicePrincipal(page, app.clientSecret);
  await shootBothSizes(page, shots, 'service-principal-secret');
  await add.getByRole('button', { name: 'Connect' }).click();
  await expect(add).toBeHidden();
  await tree.expand(`devstoreaccount1/ledger (${app.clientId})`, 'ledger');
  await expect(files.row('2026-q4.csv')).toBeVisible();
  // The certificate choice: a PEM text box and a file to read it from.
  await page
    .getByRole('button', { name: /^Add connection/ })
    .first()
    .click();
  const again = page.getByRole('dialog', { name: 'Add connection' });
  await again.getByRole('radio', { name: 'Service principal' }).check();
  await again.getByRole('radio', { name: 'Certificate' }).check();
  await expect(again.getByRole('textbox', { name: 'Certificate (PEM)' })).toBeVisible();
  await expect(again.getByRole('button', { name: 'Read from a PEM file…' })).toBeVisible();
  await shootBothSizes(page, shots, 'service-principal-certificate');
});

test('a wrong client secret is refused in words on the secret field, and nothing is added', async ({
  app: lakeshore,
}) => {
  const page = lakeshore.page;
  const add = await fillServicePrincipal(page, 'not-the-secret');
  await add.getByRole('button', { name: 'Connect' }).click();
  await expect(add.getByText('Could not connect')).toBeVisible();
  await expect(add).toContainText(
    `Microsoft Entra ID refused the client secret of application ${app.clientId} in tenant northwind.test (invalid_client: client authentication failed): check the tenant, the application (client) id and the client secret. Nothing was saved.`,
  );
  const secret = add.getByLabel('Secret value');
  await expect(secret).toHaveAttribute('aria-invalid', 'true');
  await expect(secret).toBeFocused();
  await shootBothSizes(page, shots, 'service-principal-refused');
  await add.getByRole('button', { name: 'Cancel' }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole('treeitem', { name: new RegExp(app.clientId) })).toHaveCount(0);
});

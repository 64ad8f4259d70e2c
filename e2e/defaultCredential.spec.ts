import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { shootBothSizes } from './pages/screenshots.js';
import { useSignedInWorld } from './support/specWorld.js';

/** DEFAULT_CREDENTIAL_SHOTS=<dir>: Add connection's default-credential fields, filled and refused, light and dark, at both sizes. */
const shots = process.env.DEFAULT_CREDENTIAL_SHOTS;
const tenantId = '8d0f2a4c-6e8b-4d0f-8a4c-6e8b0d2f4a6c';
const app = { clientId: 'e2e5e700-0000-4000-8000-0000000000d7', clientSecret: 'e2e~Dc.s3cret_7' };
/** The variables DefaultAzureCredential's EnvironmentCredential reads from the app's environment. */
const environmentCredential = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'];
const spec = useSignedInWorld(
  {
    tenantId,
    domain: 'contoso.test',
    tenantName: 'Contoso',
    clientId: 'e2e00000-0000-4000-8000-0000000000d8',
    subscriptionId: '88888888-8888-4888-8888-888888888888',
    subscriptionName: 'Contoso data',
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

/** Opens Add connection, picks the default Azure credential and fills its URL. */
async function fillDefaultCredential(page: Page) {
  await page
    .getByRole('button', { name: /^Add connection/ })
    .first()
    .click();
  const add = page.getByRole('dialog', { name: 'Add connection' });
  await add.getByRole('radio', { name: 'Default Azure credential' }).check();
  await expect(add).toContainText(
    'From environment variables, a workload or managed identity, Azure CLI or Azure Developer CLI.',
  );
  await add
    .getByRole('textbox', { name: 'Account, container or folder URL' })
    .fill(`${spec.world.dataRoles!.blobEndpoint}/ledger`);
  return add;
}

/** Screenshots of the window in light and dark, at both sizes, as `<name>-<scheme>-<w>x<h>.png`. */
async function shootSchemes(page: Page, name: string) {
  if (!shots) return;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shootBothSizes(page, shots, `${name}-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.describe('with a client secret in the environment', () => {
  // The app's process inherits this environment when the test launches it.
  test.beforeAll(() => {
    Object.assign(process.env, {
      AZURE_TENANT_ID: tenantId,
      AZURE_CLIENT_ID: app.clientId,
      AZURE_CLIENT_SECRET: app.clientSecret,
    });
  });
  test.afterAll(() => {
    for (const name of environmentCredential) delete process.env[name];
  });

  test('the default Azure credential connects through its data role and lists its container', async ({
    app: lakeshore,
    tree,
    files,
  }) => {
    const page = lakeshore.page;
    const add = await fillDefaultCredential(page);
    await add.getByRole('textbox', { name: 'Tenant (optional)' }).fill(tenantId);
    await shootSchemes(page, 'default-credential');
    await add.getByRole('button', { name: 'Connect' }).click();
    await expect(add).toBeHidden();
    await tree.expand('devstoreaccount1/ledger (default credential)', 'ledger');
    await expect(files.row('2026-q4.csv')).toBeVisible();
  });
});

test.describe('with no credential in the environment', () => {
  test.beforeAll(() => {
    for (const name of environmentCredential) delete process.env[name];
  });

  test('the default Azure credential is refused in words, and nothing is added', async ({
    app: lakeshore,
  }) => {
    const page = lakeshore.page;
    const add = await fillDefaultCredential(page);
    await add.getByRole('button', { name: 'Connect' }).click();
    await expect(add.getByText('Could not connect')).toBeVisible();
    await expect(add).toContainText(
      'No default Azure credential is available here: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a certificate), use a managed or workload identity, or sign in with az login or azd auth login. Nothing was saved.',
    );
    await shootSchemes(page, 'default-credential-refused');
    await add.getByRole('button', { name: 'Cancel' }).click();
    await expect(add).toBeHidden();
    await expect(page.getByRole('treeitem', { name: /default credential/ })).toHaveCount(0);
  });
});

import { request } from 'node:https';
import { startAzurite, type AzuriteInstance } from '../src-main/emulator/azurite.js';
import { startEntraStandIn, type EntraStandIn } from '../test/support/entra/entraStandIn.js';
import { generateTestTls, type TestTls } from '../test/support/entra/testTls.js';
import { expect, test } from './fixtures.js';
import { addEntraConnection } from './support/entraDeviceSignIn.js';

const tenantId = '2e4a6c8e-0b1d-4f3a-9c5e-7a9b1d3f5e7a';
const clientId = 'e2e00000-0000-4000-8000-0000000000e2';

let tls: TestTls;
let standIn: EntraStandIn;
let azurite: AzuriteInstance;

/** A storage token as Azurite's --oauth basic reads it (claims, not the signature). */
const seedToken = (): string => {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({
    iss: `https://sts.windows.net/${tenantId}/`,
    aud: 'https://storage.azure.com',
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
    tid: tenantId,
    oid: '00000000-0000-4000-8000-000000000001',
    scp: 'user_impersonation',
    ver: '1.0',
  })}.c2VlZA`;
};

/** One request to the HTTPS Azurite trusting the run's CA. */
const put = (path: string, headers: Record<string, string>, body = '') =>
  new Promise<number>((resolve, reject) => {
    const url = new URL(`${azurite.blobEndpoint}${path}`);
    const req = request(
      url,
      {
        method: 'PUT',
        ca: tls.ca,
        headers: {
          authorization: `Bearer ${seedToken()}`,
          'x-ms-version': '2021-12-02',
          'content-length': String(Buffer.byteLength(body)),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

test.beforeAll(async () => {
  tls = generateTestTls();
  standIn = await startEntraStandIn({
    tls,
    tenants: [{ id: tenantId, domains: ['northwind.test'] }],
    clientId,
  });
  azurite = await startAzurite({
    location: 'memory',
    oauth: { certPath: tls.certPath, keyPath: tls.keyPath, caPath: tls.caPath },
  });
  expect(await put('/e2e-entra?restype=container', {})).toBe(201);
  expect(await put('/e2e-entra/q1/report.csv', { 'x-ms-blob-type': 'BlockBlob' }, 'a,b\n')).toBe(
    201,
  );
  // The app (its web host, started per test) signs in to the stand-in's cloud and trusts its CA.
  process.env.AZURE_AUTHORITY_HOST = standIn.authorityHost;
  process.env.LAKESHORE_ARM_ENDPOINT = 'https://127.0.0.1:1';
  process.env.LAKESHORE_CLIENT_ID = clientId;
  process.env.NODE_EXTRA_CA_CERTS = tls.caPath;
});

test.afterAll(async () => {
  for (const name of [
    'AZURE_AUTHORITY_HOST',
    'LAKESHORE_ARM_ENDPOINT',
    'LAKESHORE_CLIENT_ID',
    'NODE_EXTRA_CA_CERTS',
  ]) {
    delete process.env[name];
  }
  await azurite?.stop();
  await standIn?.stop();
});

test('sign in with a device code, attach a container by URL with that identity, and browse it', async ({
  app,
  tree,
  chromiumBrowser,
}) => {
  const page = app.page;
  await page.getByRole('button', { name: 'Sign in with Microsoft Entra ID…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in with Microsoft Entra ID' });
  await dialog.getByRole('textbox', { name: 'Tenant (optional)' }).fill('northwind.test');
  await dialog.getByRole('combobox', { name: 'Cloud' }).selectOption('custom');
  await dialog.getByRole('radio', { name: 'With a device code' }).check();
  await dialog.getByRole('button', { name: 'Sign in' }).click();

  const prompt = dialog.getByRole('group', { name: 'Device code' });
  const code = (await prompt.getByLabel('Code').textContent())!.trim();
  expect(code).not.toBe('');
  await expect(prompt).toContainText(`enter the code ${code}`);
  await expect(prompt.getByRole('button', { name: 'Copy code' })).toBeVisible();
  const verificationUri = (await prompt.getByRole('link').getAttribute('href'))!;

  // The user, on another device: the stand-in's pages, with its per-run certificate.
  const other = await chromiumBrowser.newContext({ ignoreHTTPSErrors: true });
  try {
    const device = await other.newPage();
    await device.goto(`${verificationUri}?user_code=${encodeURIComponent(code)}`);
    await device.getByRole('button', { name: 'Continue' }).click();
    await device.getByPlaceholder('Enter any login').fill('erin');
    await device.getByPlaceholder('and password').fill('any');
    await device.getByRole('button', { name: 'Sign-in' }).click();
    await device.getByRole('button', { name: 'Continue' }).click();
    await expect(device.getByText(/Sign-in Success/i)).toBeVisible();
  } finally {
    await other.close();
  }

  await expect(dialog).toContainText('Signed in as erin@northwind.test.');
  await expect(dialog.getByRole('list', { name: 'Signed-in accounts' })).toContainText(
    'erin@northwind.test',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await addEntraConnection(page, 'erin@northwind.test', `${azurite.blobEndpoint}/e2e-entra`);

  const name = 'devstoreaccount1/e2e-entra (erin@northwind.test)';
  await tree.expand(name, 'e2e-entra', 'q1');
  await expect(page.getByRole('grid').getByText('report.csv')).toBeVisible();
});

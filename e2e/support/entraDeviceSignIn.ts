import { request } from 'node:https';
import { expect, type Browser, type Page } from '@playwright/test';

/**
 * Signs in through the window's "Sign in with Microsoft Entra ID" dialog with a device code,
 * playing the user's other device on the Entra ID stand-in's pages (its per-run certificate
 * accepted there); once the dialog says who signed in it is closed, and the account shows in
 * the storage tree.
 */
export async function signInWithDeviceCode(
  page: Page,
  otherBrowser: Browser,
  options: {
    tenant: string;
    login: string;
    username: string;
    /** Opens the sign-in dialog; default: the welcome card's Sign in with Microsoft Entra ID…. */
    openDialog?: () => Promise<void>;
    /** Where the sign-in dialog opened from (Add connection) stays open over the tree. */
    leavesDialogOpen?: boolean;
  },
): Promise<void> {
  await (options.openDialog
    ? options.openDialog()
    : page.getByRole('button', { name: 'Sign in with Microsoft Entra ID…' }).click());
  const dialog = page.getByRole('dialog', { name: 'Sign in with Microsoft Entra ID' });
  await dialog.getByRole('textbox', { name: 'Tenant (optional)' }).fill(options.tenant);
  await dialog.getByRole('combobox', { name: 'Cloud' }).selectOption('custom');
  await dialog.getByRole('radio', { name: 'With a device code' }).check();
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  const prompt = dialog.getByRole('group', { name: 'Device code' });
  const code = (await prompt.getByLabel('Code').textContent())!.trim();
  const verificationUri = (await prompt.getByRole('link').getAttribute('href'))!;
  const other = await otherBrowser.newContext({ ignoreHTTPSErrors: true });
  try {
    const device = await other.newPage();
    await device.goto(`${verificationUri}?user_code=${encodeURIComponent(code)}`);
    await device.getByRole('button', { name: 'Continue' }).click();
    await device.getByPlaceholder('Enter any login').fill(options.login);
    await device.getByPlaceholder('and password').fill('any');
    await device.getByRole('button', { name: 'Sign-in' }).click();
    await device.getByRole('button', { name: 'Continue' }).click();
    await expect(device.getByText(/Sign-in Success/i)).toBeVisible();
  } finally {
    await other.close();
  }
  await expect(dialog).toContainText(`Signed in as ${options.username}.`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  if (options.leavesDialogOpen) return;
  // Once the dialog is closed, the signed-in account replaces the welcome card with the tree.
  await expect(
    page.getByRole('tree', { name: 'Storage' }).getByRole('treeitem', { name: options.username }),
  ).toBeVisible();
}

/**
 * Adds a connection through Add connection's Microsoft Entra ID (signed in) choice: the
 * signed-in account `username` and the account, container or folder `url`; waits for the dialog
 * to close.
 */
export async function addEntraConnection(page: Page, username: string, url: string) {
  await page
    .getByRole('button', { name: /^Add connection/ })
    .first()
    .click();
  const add = page.getByRole('dialog', { name: 'Add connection' });
  await add.getByRole('radio', { name: 'Microsoft Entra ID (signed in)' }).check();
  await add.getByRole('combobox', { name: 'Signed-in account' }).selectOption({ label: username });
  await add.getByRole('textbox', { name: 'Account, container or folder URL' }).fill(url);
  await add.getByRole('button', { name: 'Connect' }).click();
  await expect(add).toBeHidden();
}

/**
 * One request to an HTTPS Azurite with `--oauth basic`, trusting the run's CA (the test
 * process started before the CA existed, so NODE_EXTRA_CA_CERTS cannot cover it), with a
 * bearer token of `tenantId` as Azurite reads it: claims, not the signature.
 */
export function azuriteRequest(
  url: string,
  options: {
    method: 'GET' | 'PUT';
    ca: string;
    tenantId: string;
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<{ status: number; body: string }> {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const token = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({
    iss: `https://sts.windows.net/${options.tenantId}/`,
    aud: 'https://storage.azure.com',
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
    tid: options.tenantId,
    oid: '00000000-0000-4000-8000-000000000002',
    scp: 'user_impersonation',
    ver: '1.0',
  })}.c2VlZA`;
  const body = options.body ?? '';
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method,
        ca: options.ca,
        headers: {
          authorization: `Bearer ${token}`,
          'x-ms-version': '2021-12-02',
          'content-length': String(Buffer.byteLength(body)),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

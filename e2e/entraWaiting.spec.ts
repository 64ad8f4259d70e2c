import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { PathDialogs } from './pages/pathDialogs.js';
import { shootBothSizes } from './pages/screenshots.js';
import {
  addEntraConnection,
  azuriteRequest,
  signInWithDeviceCode,
} from './support/entraDeviceSignIn.js';
import { useSignedInWorld } from './support/specWorld.js';

const tenantId = '3b5d7f9b-1d3f-4b5d-9f9b-1d3f5b7d9f1b';
const spec = useSignedInWorld(
  {
    tenantId,
    domain: 'tailspin.test',
    tenantName: 'Tailspin',
    clientId: 'e2e00000-0000-4000-8000-0000000000d6',
    subscriptionId: '44444444-4444-4444-8444-444444444444',
    subscriptionName: 'Tailspin ops',
    storageAccounts: () => [],
  },
  async ({ put }) => {
    expect((await put('/inbox?restype=container')).status).toBe(201);
  },
);

const username = 'max@tailspin.test';

/** Opens Add connection's Microsoft Entra ID choice and, from it, the sign-in dialog. */
async function openSignInFromAddConnection(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /^Add connection/ })
    .first()
    .click();
  const add = page.getByRole('dialog', { name: 'Add connection' });
  await add.getByRole('radio', { name: 'Microsoft Entra ID (signed in)' }).check();
  await add.getByRole('button', { name: 'Sign in with Microsoft Entra ID…' }).click();
}

test('an upload queued after the sign-in ended waits for Sign in again, then completes', async ({
  app,
  tree,
  files,
  transfers,
  dataDir,
  chromiumBrowser,
}) => {
  const page = app.page;
  await signInWithDeviceCode(page, chromiumBrowser, {
    tenant: 'tailspin.test',
    login: 'max',
    username,
  });
  await addEntraConnection(page, username, `${spec.world.azurite.blobEndpoint}/inbox`);
  const connection = `devstoreaccount1/inbox (${username})`;
  await tree.expand(connection, 'inbox');
  await expect(page.getByRole('grid')).toBeVisible();

  // The sign-in ends (signed out here; an expired refresh token ends it the same way).
  await openSignInFromAddConnection(page);
  const signIn = page.getByRole('dialog', { name: 'Sign in with Microsoft Entra ID' });
  await signIn.getByRole('button', { name: `Sign out ${username}` }).click();
  await expect(signIn.getByRole('button', { name: `Sign out ${username}` })).toBeHidden();
  await signIn.getByRole('button', { name: 'Close' }).click();
  await page
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: 'Cancel' })
    .click();

  const local = path.join(dataDir, 'late.csv');
  writeFileSync(local, 'sensor,value\nb,2\n');
  const chooser = page.waitForEvent('filechooser');
  await new PathDialogs(page).toolbar('Upload files');
  await (await chooser).setFiles([local]);
  const job = transfers.job('Upload', 'late.csv');
  await expect(job).toContainText('Waiting for sign-in:');
  await expect(job).toContainText('sign in again');
  await shootBothSizes(page, process.env.ENTRA_SHOTS, 'transfer-waiting-for-sign-in');
  // Nothing was written while it waited.
  const read = () =>
    azuriteRequest(`${spec.world.azurite.blobEndpoint}/inbox/late.csv`, {
      method: 'GET',
      ca: spec.tls.ca,
      tenantId,
    });
  expect((await read()).status).toBe(404);

  await signInWithDeviceCode(page, chromiumBrowser, {
    tenant: 'tailspin.test',
    login: 'max',
    username,
    openDialog: () => openSignInFromAddConnection(page),
    leavesDialogOpen: true,
  });
  await page
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: 'Cancel' })
    .click();
  await expect(tree.item(username)).toBeVisible();
  await expect(job).toContainText('Completed', { timeout: 30_000 });
  await expect(files.row('late.csv')).toBeVisible();
  expect(await read()).toEqual({ status: 200, body: 'sensor,value\nb,2\n' });
});

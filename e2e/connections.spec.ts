import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { shootBothSizes } from './pages/screenshots.js';
import { launchApp } from './support/launchApp.js';

/** CONNECTIONS_SHOTS=<dir>: the refused key in Add connection, light and dark (the OS's scheme), at both sizes. */
const shots = process.env.CONNECTIONS_SHOTS;

const emulatorEndpoint = (dataDir: string): string =>
  (
    JSON.parse(readFileSync(path.join(dataDir, 'emulator', 'running.json'), 'utf8')) as {
      blobEndpoint: string;
    }
  ).blobEndpoint;
const wellKnownKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

test('a wrong key is refused in the dialog and nothing is saved; a right one is saved and survives a restart', async ({
  app,
  dataDir,
  welcome,
  tree,
  chromiumBrowser,
}) => {
  await welcome.pickLocalEmulator();
  const endpoint = emulatorEndpoint(dataDir);

  await welcome.openAddConnection();
  const dialog = welcome.dialog();
  await dialog.getByRole('radio', { name: 'Account name and key' }).check();
  await dialog.getByRole('textbox', { name: 'Display name (optional)' }).fill('Key test');
  await dialog.getByRole('textbox', { name: 'Account name' }).fill('devstoreaccount1');
  await dialog.getByLabel('Account key').fill(Buffer.alloc(64, 1).toString('base64'));
  await dialog.getByRole('textbox', { name: 'Blob endpoint (optional)' }).fill(endpoint);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Could not connect');
  await expect(alert).toContainText('AuthFailed');
  // A key is refused as a key: the message names it once and no SAS, and the key field is marked.
  await expect(alert).toContainText('check the account key.');
  await expect(alert).not.toContainText('SAS');
  await expect(dialog.getByLabel('Account key')).toHaveAttribute('aria-invalid', 'true');
  if (shots) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme });
      await shootBothSizes(app.page, shots, `wrong-key-${colorScheme}`);
    }
  }
  expect(JSON.parse(readFileSync(path.join(dataDir, 'connections.json'), 'utf8'))).toHaveLength(1);

  await dialog.getByLabel('Account key').fill(wellKnownKey);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toBeHidden();
  await expect(tree.item('Key test')).toBeVisible();
  await app.close();

  const again = await launchApp(async () => chromiumBrowser, { dataDir });
  try {
    const tree2 = again.page.getByRole('tree', { name: 'Storage' });
    await expect(tree2.getByRole('treeitem', { name: 'Key test', exact: true })).toBeVisible();
    await expect(
      tree2.getByRole('treeitem', { name: 'Local emulator', exact: true }),
    ).toBeVisible();
    await expect(again.page.getByRole('contentinfo', { name: 'Status' })).toContainText(
      'Secrets: stored in a 0600 file',
    );
  } finally {
    await again.close();
  }
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { shootBothSizes } from './pages/screenshots.js';
import { SettingsDialog } from './pages/settingsDialog.js';

const shots = process.env.CONNECTION_NETWORK_SHOTS;
const wellKnownKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

test("a connection's own timeouts and retries are entered under Advanced and saved with it; empty ones follow Settings", async ({
  app,
  dataDir,
  welcome,
  tree,
}) => {
  const page = app.page;
  await welcome.pickLocalEmulator();
  const endpoint = (
    JSON.parse(readFileSync(path.join(dataDir, 'emulator', 'running.json'), 'utf8')) as {
      blobEndpoint: string;
    }
  ).blobEndpoint;

  const settings = new SettingsDialog(page);
  await settings.open();
  await expect(
    settings.dialog.getByRole('spinbutton', { name: 'Read timeout (no data) (s)' }),
  ).toHaveValue('60');
  await shootBothSizes(page, shots, 'settings-network');
  await settings.dialog.getByRole('button', { name: 'Close' }).click();
  await expect(settings.dialog).toBeHidden();

  await welcome.openAddConnection();
  const dialog = welcome.dialog();
  await dialog.getByRole('radio', { name: 'Account name and key' }).check();
  await dialog.getByRole('textbox', { name: 'Display name (optional)' }).fill('Patient lake');
  await dialog.getByRole('textbox', { name: 'Account name' }).fill('devstoreaccount1');
  await dialog.getByLabel('Account key').fill(wellKnownKey);
  await dialog.getByRole('textbox', { name: 'Blob endpoint (optional)' }).fill(endpoint);
  const readTimeout = dialog.getByRole('spinbutton', { name: 'Read timeout (no data) (s)' });
  await expect(readTimeout).toBeHidden();
  await dialog.getByRole('button', { name: 'Advanced: timeouts and retries' }).click();
  await expect(readTimeout).toBeVisible();
  // Empty fields show what Settings gives.
  await expect(readTimeout).toHaveValue('');
  await expect(readTimeout).toHaveAttribute('placeholder', '60');
  await expect(dialog.getByRole('spinbutton', { name: 'Operation timeout (s)' })).toHaveAttribute(
    'placeholder',
    '60',
  );
  await readTimeout.fill('2.5');
  const attempts = dialog.getByRole('spinbutton', { name: 'Attempts' });
  await attempts.fill('50');
  await expect(dialog).toContainText('1–10');
  await attempts.fill('3');
  await expect(dialog).not.toContainText('1–10');
  await shootBothSizes(page, shots, 'add-connection-advanced');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toBeHidden();
  await expect(tree.item('Patient lake')).toBeVisible();

  const saved = JSON.parse(readFileSync(path.join(dataDir, 'connections.json'), 'utf8')) as Array<{
    name: string;
    network?: unknown;
  }>;
  expect(saved.find((c) => c.name === 'Patient lake')?.network).toEqual({
    readTimeoutMs: 2_500,
    maxAttempts: 3,
  });
  expect(saved.find((c) => c.name === 'Local emulator')?.network).toBeUndefined();
});

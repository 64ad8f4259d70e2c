import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { ConnectionProperties } from './pages/connectionProperties.js';
import { shootBothSizes } from './pages/screenshots.js';
import { SettingsDialog } from './pages/settingsDialog.js';
import { expectNoSeriousViolations } from './support/accessibility.js';

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

for (const theme of ['Light', 'Dark'] as const) {
  test(`a saved connection's timeouts and retries are edited in Connection properties and kept, ${theme.toLowerCase()} theme`, async ({
    app,
    dataDir,
    emulator,
    tree,
  }) => {
    const page = app.page;
    const t = theme.toLowerCase();
    await new SettingsDialog(page).chooseTheme(theme);
    await emulator.startAt('samples');
    const properties = new ConnectionProperties(page);
    await properties.open(tree, 'Local emulator');
    // Nothing of its own yet: each value is the one Settings gives.
    await expect(properties.networkValue('Read timeout (no data)')).toHaveText('60 s (Settings)');
    await expect(properties.networkValue('Attempts')).toHaveText('5 (Settings)');
    await expect(properties.networkValue('First retry after')).toHaveText('100 ms (Settings)');

    await properties.network.getByRole('button', { name: 'Edit timeouts and retries…' }).click();
    const readTimeout = properties.field('Read timeout (no data) (s)');
    await expect(readTimeout).toHaveValue('');
    await expect(readTimeout).toHaveAttribute('placeholder', '60');
    await readTimeout.fill('2.5');
    const attempts = properties.field('Attempts');
    const save = properties.network.getByRole('button', { name: 'Save timeouts and retries' });
    await attempts.fill('11');
    await expect(properties.network).toContainText('1–10');
    await expect(save).toBeDisabled();
    await attempts.fill('3');
    await expect(save).toBeEnabled();
    await save.scrollIntoViewIfNeeded();
    await expectNoSeriousViolations(page, 'Connection properties, editing timeouts');
    await shootBothSizes(page, shots, `connection-network-edit-${t}`);
    await save.click();
    await expect(properties.networkValue('Read timeout (no data)')).toHaveText('2.5 s');
    await expect(properties.networkValue('Attempts')).toHaveText('3');
    await expect(properties.networkValue('Operation timeout')).toHaveText('60 s (Settings)');
    await properties.close();

    const saved = () =>
      (
        JSON.parse(readFileSync(path.join(dataDir, 'connections.json'), 'utf8')) as Array<{
          name: string;
          network?: unknown;
        }>
      ).find((c) => c.name === 'Local emulator')?.network;
    expect(saved()).toEqual({ readTimeoutMs: 2_500, maxAttempts: 3 });

    // Reopened, it shows what was saved, and the edit form starts from it.
    await properties.open(tree, 'Local emulator');
    await expect(properties.networkValue('Read timeout (no data)')).toHaveText('2.5 s');
    await expect(properties.networkValue('Attempts')).toHaveText('3');
    await expectNoSeriousViolations(page, 'Connection properties with own timeouts');
    await shootBothSizes(page, shots, `connection-network-saved-${t}`);
    await properties.network.getByRole('button', { name: 'Edit timeouts and retries…' }).click();
    await expect(properties.field('Read timeout (no data) (s)')).toHaveValue('2.5');
    // An emptied field follows Settings again.
    await properties.field('Attempts').fill('');
    await properties.network.getByRole('button', { name: 'Save timeouts and retries' }).click();
    await expect(properties.networkValue('Attempts')).toHaveText('5 (Settings)');
    await expect(properties.networkValue('Read timeout (no data)')).toHaveText('2.5 s');
    expect(saved()).toEqual({ readTimeoutMs: 2_500 });
    // The tree still browses the connection with its new values.
    await properties.close();
    await emulator.showsRow('raw');
  });
}

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';

const wellKnownKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
// The app's process inherits this environment: the file names the key by reference only.
process.env.LAKESHORE_E2E_LAKE_KEY = wellKnownKey;

const emulatorEndpoint = (dataDir: string): string =>
  (
    JSON.parse(readFileSync(path.join(dataDir, 'emulator', 'running.json'), 'utf8')) as {
      blobEndpoint: string;
    }
  ).blobEndpoint;

test('connections.toml: a provisioned connection appears without a restart, marked and read-only, an invalid one with its reason', async ({
  app,
  dataDir,
  welcome,
  tree,
}) => {
  await welcome.pickLocalEmulator();
  await expect(tree.item('samples')).toBeVisible();
  const endpoint = emulatorEndpoint(dataDir);
  writeFileSync(
    path.join(dataDir, 'connections.toml'),
    `[connections.lake-config]
account_url = "${endpoint}"
account_key = "secret://env/LAKESHORE_E2E_LAKE_KEY"
read_only = true

[connections.broken]
account_url = "${endpoint}"
acount_key = "typo"
`,
  );

  const lake = tree.item('lake-config');
  await expect(lake).toBeVisible();
  await expect(lake.getByText('from configuration').first()).toBeVisible();
  await expect(lake.getByText('read-only').first()).toBeVisible();
  await expect(tree.root.getByRole('note')).toContainText('unknown key "acount_key"');

  await tree.expand('lake-config', 'samples');
  await expect(app.page.getByRole('grid', { name: 'Files' }).getByText('README.md')).toBeVisible();

  const menu = await tree.openContextMenu('lake-config', lake);
  await expect(menu.getByRole('menuitem', { name: 'Remove connection' })).toHaveCount(0);
  await expect(menu.getByRole('menuitem', { name: 'New container…' })).toBeDisabled();
  await menu.getByRole('menuitem', { name: 'Connection properties…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Connection properties' });
  await expect(dialog).toContainText('connections.toml (read-only here)');
  await expect(dialog.getByLabel('Write: Not allowed')).toContainText('read-only');
  await expect(dialog.getByLabel('Read: Allowed')).toContainText(
    'Account key allows every operation.',
  );

  const shots = path.join('test-results', 'provisioned');
  for (const [w, h] of [
    [1024, 640],
    [1920, 1080],
  ] as const) {
    await app.page.setViewportSize({ width: w, height: h });
    await app.page.screenshot({ path: path.join(shots, `properties-${w}x${h}.png`) });
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  for (const [w, h] of [
    [1024, 640],
    [1920, 1080],
  ] as const) {
    await app.page.setViewportSize({ width: w, height: h });
    await app.page.screenshot({ path: path.join(shots, `tree-${w}x${h}.png`) });
  }

  writeFileSync(path.join(dataDir, 'connections.toml'), '');
  await expect(tree.item('lake-config')).toHaveCount(0);
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';

const wellKnownKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
// The app's process inherits this environment: the file names the key by reference only.
process.env.LAKESHORE_E2E_RO_KEY = wellKnownKey;

const reason = 'Connection "lake-ro" is read-only (read_only = true in its configuration)';
const refusedTitle = new RegExp(`not allowed: ${reason.replace(/[()]/g, '\\$&')}`);

test("a read-only connection's toolbar, context menu and file list keys refuse changes, the reason in the tooltip; a writable one's do not", async ({
  app,
  dataDir,
  emulator,
  tree,
  files,
}) => {
  const page = app.page;
  await page.setViewportSize({ width: 1920, height: 1080 });
  await emulator.pick();
  await expect(tree.item('samples')).toBeVisible();
  const { blobEndpoint } = JSON.parse(
    readFileSync(path.join(dataDir, 'emulator', 'running.json'), 'utf8'),
  ) as { blobEndpoint: string };
  writeFileSync(
    path.join(dataDir, 'connections.toml'),
    `[connections.lake-ro]
account_url = "${blobEndpoint}"
account_key = "secret://env/LAKESHORE_E2E_RO_KEY"
read_only = true
`,
  );
  await expect(tree.item('lake-ro')).toBeVisible();
  await tree.expand('lake-ro', 'samples');
  await files.row('README.md').click();

  const bar = page.getByRole('toolbar', { name: 'Main' });
  const button = (name: string) => bar.getByRole('button', { name, exact: true });
  for (const name of ['New folder', 'Rename', 'Delete', 'Cut', 'Upload files', 'Upload folder']) {
    await expect(button(name)).toBeDisabled();
    await expect(button(name)).toHaveAttribute('title', refusedTitle);
  }
  // Reading is not a change: Copy and Download stay on.
  await expect(button('Copy')).toBeEnabled();
  await expect(button('Download')).toBeEnabled();

  await files.row('README.md').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'File actions' });
  await expect(menu.getByRole('menuitem', { name: 'Delete…' })).toBeDisabled();
  await expect(menu.getByRole('menuitem', { name: 'Rename or move…' })).toBeDisabled();
  await expect(menu.getByRole('menuitem', { name: 'Copy Ctrl+C' })).toBeEnabled();
  await menu.getByRole('menuitem', { name: 'Delete…' }).hover({ force: true });
  await expect(page.getByRole('tooltip')).toContainText(reason);
  const shots = path.join('test-results', 'read-only-actions');
  await page.screenshot({ path: path.join(shots, 'menu-1920x1080.png') });
  // Off the refused item its tooltip goes, so Escape closes the menu itself.
  await menu.getByRole('menuitem', { name: 'Copy Ctrl+C' }).hover();
  await expect(page.getByRole('tooltip')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  // The list's keys are refused with the reason, before any dialog or call.
  await files.row('README.md').click();
  await page.keyboard.press('Delete');
  await expect(page.getByText(reason)).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Delete' })).toHaveCount(0);
  await page.keyboard.press('F2');
  await expect(page.getByRole('dialog', { name: 'Rename or move' })).toHaveCount(0);
  await expect(files.row('README.md')).toBeVisible();
  for (const [w, h] of [
    [1024, 640],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: path.join(shots, `toolbar-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // The same container through the emulator's own connection may change.
  await emulator.openAt('samples');
  await files.row('README.md').click();
  for (const name of ['New folder', 'Rename', 'Delete', 'Cut', 'Upload files'])
    await expect(button(name)).toBeEnabled();
  await expect(button('Delete')).toHaveAttribute('title', 'Delete (Del)');
  await page.keyboard.press('Delete');
  await expect(page.getByRole('dialog', { name: 'Delete' })).toBeVisible();
});

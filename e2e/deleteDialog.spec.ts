import { webLightTheme } from '@fluentui/tokens';
import { expect, test } from './fixtures.js';
import { PathDialogs } from './pages/pathDialogs.js';
import { emulatorBlobService, emulatorConnectionString } from './support/emulatorBlobs.js';

test.use({ sampleMany: 20 });

/** A theme token's `#rrggbb` as the browser computes it: `rgb(r, g, b)`. */
const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};

test('Delete says whether the account keeps deleted blobs, its button is red, Show deleted only where kept', async ({
  app,
  dataDir,
  welcome,
  emulator,
  tree,
  files,
}) => {
  const page = app.page;
  const dialogs = new PathDialogs(page);
  const toolbar = page.getByRole('toolbar', { name: 'Main' });
  await emulator.startAt('samples', 'misc');

  // The emulator keeps no deleted blobs: the dialog says so, and Show deleted is not offered.
  await files.row('blob.bin').click();
  await dialogs.toolbar('Delete');
  await expect(dialogs.delete()).toContainText(
    'Soft delete is off for this account: this cannot be undone.',
  );
  const confirm = dialogs.delete().getByRole('button', { name: 'Delete', exact: true });
  await expect(confirm).toHaveCSS(
    'background-color',
    rgb(webLightTheme.colorStatusDangerBackground3),
  );
  await dialogs.delete().getByRole('button', { name: 'Cancel' }).click();
  await expect(dialogs.delete()).toBeHidden();
  await expect(
    toolbar
      .getByRole('button', { name: 'More actions' })
      .or(toolbar.getByRole('button', { name: 'Delete' }))
      .first(),
  ).toBeVisible();
  await expect(toolbar.getByRole('button', { name: 'Show deleted' })).toHaveCount(0);
  if (await toolbar.getByRole('button', { name: 'More actions' }).isVisible()) {
    await toolbar.getByRole('button', { name: 'More actions' }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await expect(page.getByRole('menuitem', { name: 'Show deleted' })).toHaveCount(0);
    await page.keyboard.press('Escape');
  }

  // Soft delete turned on for 7 days; a connection described from now on knows it.
  await emulatorBlobService(dataDir).setProperties({
    deleteRetentionPolicy: { enabled: true, days: 7 },
  });
  await welcome.addConnectionString('Kept lake', emulatorConnectionString(dataDir));
  await tree.expand('Kept lake', 'samples', 'misc');
  await files.row('blob.bin').click();
  await dialogs.toolbar('Delete');
  await expect(dialogs.delete()).toContainText(
    'The account keeps deleted blobs for 7 days (soft delete): until then they can be restored with Show deleted.',
  );
  await dialogs.delete().getByRole('button', { name: 'Cancel' }).click();
  await dialogs.toolbar('Show deleted');
  await expect(page.getByRole('dialog', { name: 'Deleted blobs' })).toContainText(
    'Deleted blobs are kept for 7 days.',
  );
});

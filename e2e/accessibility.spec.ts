import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { expectNoSeriousViolations } from './support/accessibility.js';
import { Help } from './pages/help.js';
import { PathDialogs } from './pages/pathDialogs.js';
import { SettingsDialog } from './pages/settingsDialog.js';

test.use({ sampleMany: 20 });
// Some thirty screens, each read by axe: longer than one spec's usual three minutes.
test.setTimeout(480_000);

/** Closes the open dialog with Escape and waits until no dialog shows. */
async function closeDialog(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

/** Each preview kind of the sample lake: folder path below samples, file, what shows once read. */
const previews: [folders: string[], file: string, shown: string | RegExp][] = [
  [['raw', 'sales', '2025', '01'], 'orders.csv', '200 of 200 rows shown'],
  [['raw', 'events'], '2025-01-15.ndjson', /rows shown/],
  [['raw', 'config'], 'pipeline.json', 'daily-sales'],
  [['curated', 'sales'], 'orders_2025q1.parquet', '600 in the file'],
  [['curated', 'events'], 'events.avro', /rows shown/],
  [['images'], 'lake.png', '64 × 64'],
  [['misc'], 'blob.bin', /00000000/],
];

for (const theme of ['Light', 'Dark'] as const) {
  test(`axe finds no serious or critical violation on the main screens, ${theme.toLowerCase()} theme`, async ({
    app,
    welcome,
    tree,
    files,
    preview,
    transfers,
  }) => {
    const page = app.page;
    const settings = new SettingsDialog(page);
    const help = new Help(page);
    const dialogs = new PathDialogs(page);
    await settings.chooseTheme(theme);

    await expect(page.getByRole('button', { name: 'Local emulator' })).toBeVisible();
    await expectNoSeriousViolations(page, 'welcome');
    await welcome.openAddConnection();
    await expectNoSeriousViolations(page, 'Add connection dialog');
    await closeDialog(page);
    await page.getByRole('button', { name: 'Sign in with Microsoft Entra ID…' }).click();
    await expect(
      page.getByRole('dialog', { name: 'Sign in with Microsoft Entra ID' }),
    ).toBeVisible();
    await expectNoSeriousViolations(page, 'Sign in dialog');
    await closeDialog(page);

    await welcome.pickLocalEmulator();
    await tree.expand('Local emulator', 'samples');
    await expect(files.row('README.md')).toBeVisible();
    await expectNoSeriousViolations(page, 'browsing samples');

    await files.row('README.md').click();
    await expect(preview.markdown()).toBeVisible();
    await expectNoSeriousViolations(page, 'Markdown preview');
    for (const [folders, file, shown] of previews) {
      await tree.expand('samples', ...folders);
      await files.row(file).click();
      await expect(preview.region).toContainText(shown);
      await expectNoSeriousViolations(page, `preview of ${file}`);
    }

    await dialogs.toolbar('New folder');
    await expect(dialogs.newFolder()).toBeVisible();
    await expectNoSeriousViolations(page, 'New folder dialog');
    await closeDialog(page);
    await files.row('blob.bin').click();
    await dialogs.toolbar('Rename');
    await expect(dialogs.rename()).toBeVisible();
    await expectNoSeriousViolations(page, 'Rename dialog');
    await closeDialog(page);
    await dialogs.toolbar('Delete');
    await expect(dialogs.delete()).toBeVisible();
    await expectNoSeriousViolations(page, 'Delete dialog');
    await closeDialog(page);
    await files.row('blob.bin').click();
    await page.keyboard.press('Alt+Enter');
    await expect(page.getByRole('region', { name: 'Properties' })).toBeVisible();
    await expectNoSeriousViolations(page, 'Properties pane');

    await tree.item('samples').getByText('samples', { exact: true }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Container properties…' }).click();
    await expect(page.getByRole('dialog', { name: 'Container properties' })).toBeVisible();
    await expectNoSeriousViolations(page, 'Container properties dialog');
    await closeDialog(page);
    await tree.item('samples').getByText('samples', { exact: true }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete container…' }).click();
    await expect(dialogs.deleteContainer()).toBeVisible();
    await expectNoSeriousViolations(page, 'Delete container dialog');
    await closeDialog(page);
    await tree.item('Local emulator').getByText('Local emulator', { exact: true }).click({
      button: 'right',
    });
    await page.getByRole('menuitem', { name: 'New container…' }).click();
    await expect(dialogs.newContainer()).toBeVisible();
    await expectNoSeriousViolations(page, 'New container dialog');
    await closeDialog(page);

    await files.row('blob.bin').click();
    await dialogs.toolbar('Download');
    await expect(transfers.job('Download', 'blob.bin')).toContainText('Completed');
    await expectNoSeriousViolations(page, 'Transfers panel');

    await settings.open();
    await expect(settings.dialog).toBeVisible();
    await expectNoSeriousViolations(page, 'Settings dialog');
    await closeDialog(page);
    await help.choose('Keyboard shortcuts');
    await expect(help.shortcuts).toBeVisible();
    await expectNoSeriousViolations(page, 'Keyboard shortcuts dialog');
    await closeDialog(page);
    await help.choose('About Lakeshore');
    await expect(help.about).toBeVisible();
    await expectNoSeriousViolations(page, 'About dialog');
    await closeDialog(page);
  });
}

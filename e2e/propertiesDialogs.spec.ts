import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { ActivityPanel } from './pages/activityPanel.js';
import { shootBothSizes } from './pages/screenshots.js';
import { SettingsDialog } from './pages/settingsDialog.js';
import { expectNoSeriousViolations } from './support/accessibility.js';
import { emulatorBlobService, emulatorConnectionString } from './support/emulatorBlobs.js';

// The read-only dialogs (Connection properties, Container properties, Operation details): what
// they say is what the emulator holds, axe finds nothing serious in them, in light and dark.

test.use({ sampleMany: 20 });

/** PROPERTIES_SHOTS=<dir>: each dialog at 1024x640 and 1920x1080, light and dark. */
const shots = process.env.PROPERTIES_SHOTS;

/** The value a facts list gives `term` (its `<dd>`). */
const fact = (dialog: Locator, term: string): Locator =>
  dialog
    .locator('dt', { hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');

/** Closes `dialog` with its Close button and waits until it is gone. */
async function close(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
}

/** The emulator's blob endpoint, from its connection string. */
const blobEndpoint = (dataDir: string): string =>
  /BlobEndpoint=([^;]+)/.exec(emulatorConnectionString(dataDir))![1]!;

async function look(page: Page, screen: string, name: string): Promise<void> {
  await expectNoSeriousViolations(page, screen);
  await shootBothSizes(page, shots, name);
}

for (const theme of ['Light', 'Dark'] as const) {
  test(`Connection properties, Container properties and Operation details say what the emulator holds, ${theme.toLowerCase()} theme`, async ({
    app,
    dataDir,
    emulator,
    tree,
  }) => {
    const page = app.page;
    const t = theme.toLowerCase();
    await new SettingsDialog(page).chooseTheme(theme);
    await emulator.startAt('samples');
    await emulator.showsRow('raw');

    const connectionMenu = await tree.openContextMenu('Local emulator');
    await connectionMenu.getByRole('menuitem', { name: 'Connection properties…' }).click();
    const connection = page.getByRole('dialog', { name: 'Connection properties' });
    await expect(connection).toContainText('Properties of “Local emulator”');
    await expect(fact(connection, 'Account')).toHaveText('devstoreaccount1');
    await expect(fact(connection, 'Endpoint')).toHaveText(
      new RegExp(`^${blobEndpoint(dataDir).replace(/\/$/, '')}/?$`),
    );
    await expect(fact(connection, 'Reaches')).toHaveText('The whole account');
    await expect(fact(connection, 'Defined in')).toHaveText('Saved in Lakeshore');
    await look(page, 'Connection properties dialog', `connection-properties-${t}`);
    await close(connection);

    const samples = emulatorBlobService(dataDir).getContainerClient('samples');
    const stored = await samples.getProperties();
    const containerMenu = await tree.openContextMenu('samples');
    await containerMenu.getByRole('menuitem', { name: 'Container properties…' }).click();
    const container = page.getByRole('dialog', { name: 'Container properties' });
    await expect(fact(container, 'ETag')).toHaveText(stored.etag!);
    await expect(fact(container, 'Lease state')).toHaveText(stored.leaseState!);
    await expect(fact(container, 'Public access')).toHaveText('Private (no anonymous access)');
    await expect(fact(container, 'Last modified')).toHaveText(
      await page.evaluate(
        (iso) => new Date(iso).toLocaleString(),
        stored.lastModified!.toISOString(),
      ),
    );
    await look(page, 'Container properties dialog', `container-properties-${t}`);
    await close(container);

    const activity = new ActivityPanel(page);
    await activity.open('Operations');
    await activity.rows().filter({ hasText: 'blob.list' }).first().click();
    const details = page.getByRole('dialog', { name: 'Operation details' });
    await expect(fact(details, 'Operation')).toHaveText('blob.list');
    // The time reads as a local date; its ISO form (what Copy details writes) is the tooltip.
    const iso = await fact(details, 'Time').locator('span').getAttribute('title');
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    await expect(fact(details, 'Time')).toHaveText(
      await page.evaluate((at) => new Date(at).toLocaleString(), iso!),
    );
    await expect(fact(details, 'x-ms-request-id')).toHaveText(/^[0-9a-f-]{36}$/);
    await expect(fact(details, 'Attempts')).toHaveText(/^\d+$/);
    await look(page, 'Operation details dialog', `operation-details-${t}`);
    await close(details);
  });
}

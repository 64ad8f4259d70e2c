import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';

test.use({ sampleMany: 20 });

test('after a restart the window opens where it was in the connection', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
}) => {
  const page = app.page;
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'raw', 'sales');
  await expect(files.row('2025')).toBeVisible();
  await expect
    .poll(
      () =>
        (
          JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as {
            lastLocations?: unknown[];
          }
        ).lastLocations?.[0],
    )
    .toMatchObject({ container: 'samples', directory: 'raw/sales' });

  // The backend and the window both restart, as after quitting.
  await app.backend!.stop();
  await app.backend!.start();
  await page.reload();
  await expect(files.row('2025')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('sales');
  await expect(tree.selectedItem()).toHaveAccessibleName(/^sales/);
});

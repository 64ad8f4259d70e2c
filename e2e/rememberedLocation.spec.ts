import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';

test.use({ sampleMany: 20 });

test('after a restart the window opens where it was in the connection', async ({
  app,
  dataDir,
  emulator,
  tree,
}) => {
  const page = app.page;
  await emulator.startAt('samples', 'raw', 'sales');
  await emulator.showsRow('2025');
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
  await emulator.showsRow('2025');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('sales');
  await expect(tree.selectedItem()).toHaveAccessibleName(/^sales/);
});

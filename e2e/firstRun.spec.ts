import { expect, test } from './fixtures.js';

test.use({ sampleMany: 20 });

test('Local emulator counts the seconds while it starts, then opens the emulator at samples', async ({
  app,
  tree,
  files,
}) => {
  const page = app.page;
  await page.getByRole('button', { name: 'Local emulator' }).click();
  // The wait counts up instead of promising a duration.
  await expect(page.getByText(/^Starting the local emulator.*… \d+ s$/)).toBeVisible();
  await expect(page.getByText(/takes a minute/)).toHaveCount(0);

  // No click in the tree: the new connection is open and its sample container listed.
  await expect(files.row('README.md')).toBeVisible({ timeout: 150_000 });
  await expect(tree.selectedItem()).toHaveAccessibleName(/^samples/);
  await expect(tree.item('Local emulator')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('samples');
  await expect(page.getByText('Open a connection in the tree')).toHaveCount(0);
});

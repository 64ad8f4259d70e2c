import { expect, test } from './fixtures.js';

// Enough blobs that seeding lasts long enough to be seen counting.
test.use({ sampleMany: 1500 });

test('Local emulator counts the files it seeds, then opens the emulator at samples', async ({
  app,
  tree,
  files,
}) => {
  const page = app.page;
  await page.getByRole('button', { name: 'Local emulator' }).click();
  // The wait counts the files seeded instead of promising a duration or counting seconds.
  await expect(
    page.getByText(/^Seeding the sample data lake: [\d,]+ of 1,5\d\d files$/),
  ).toBeVisible();
  await expect(page.getByText(/takes a minute/)).toHaveCount(0);

  // No click in the tree: the new connection is open and its sample container listed.
  await expect(files.row('README.md')).toBeVisible({ timeout: 150_000 });
  await expect(tree.selectedItem()).toHaveAccessibleName(/^samples/);
  await expect(tree.item('Local emulator')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('samples');
  await expect(page.getByText('Open a connection in the tree')).toHaveCount(0);
});

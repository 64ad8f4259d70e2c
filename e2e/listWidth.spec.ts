import { expect, test } from './fixtures.js';

test.use({ sampleMany: 20 });

test('at 1920×1080 the file list columns use the width: Name takes the room left', async ({
  app,
  welcome,
  tree,
  files,
}) => {
  await app.page.setViewportSize({ width: 1920, height: 1080 });
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples');
  await expect(files.row('README.md')).toBeVisible();
  const grid = (await files.grid.boundingBox())!;
  const last = (await files.header('Content type').boundingBox())!;
  // The row's side padding (12 px each side) and a scrollbar are all that is left over.
  expect(grid.x + grid.width - (last.x + last.width)).toBeLessThan(40);
  expect((await files.header('Name').boundingBox())!.width).toBeGreaterThan(800);
  // Rows line up with the header.
  const nameCell = (await files.row('README.md').getByRole('gridcell').first().boundingBox())!;
  const nameHeader = (await files.header('Name').boundingBox())!;
  expect(Math.round(nameCell.width)).toBe(Math.round(nameHeader.width));
});

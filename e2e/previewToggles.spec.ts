import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures.js';

test.use({ sampleMany: 20 });

test('the preview switches are kept in the settings, so a reload (or restart) shows them as left', async ({
  app,
  dataDir,
  welcome,
  tree,
  files,
  preview,
}) => {
  const page = app.page;
  const toggles = (): unknown => {
    try {
      return JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).previewToggles;
    } catch {
      return undefined;
    }
  };
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples');
  await files.row('README.md').click();
  const source = preview.region.getByRole('switch', { name: 'Show source' });
  await expect(source).not.toBeChecked();
  await source.check();
  await expect(preview.wrapSwitch()).not.toBeChecked();
  await preview.wrapSwitch().check();
  await expect.poll(toggles).toEqual({ markdownSource: true, wrapText: true });

  // Not from local storage: browser mode's origin (and its storage) changes at every start.
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await tree.expand('Local emulator', 'samples');
  await files.row('README.md').click();
  await expect(preview.region.getByRole('switch', { name: 'Show source' })).toBeChecked();
  await expect(preview.wrapSwitch()).toBeChecked();
  await preview.wrapSwitch().uncheck();
  await expect.poll(toggles).toEqual({ markdownSource: true, wrapText: false });
});

import { teamsHighContrastTheme } from '@fluentui/tokens';
import { expect, test } from './fixtures.js';
import { SettingsDialog } from './pages/settingsDialog.js';

test.use({ sampleMany: 20 });

/** A theme token's `#rrggbb` as the browser computes it: `rgb(r, g, b)`. */
const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};

test("high contrast: the preview's Download label is whole and a selected row is the theme's selection colour, not white", async ({
  app,
  emulator,
  tree,
  files,
  preview,
}) => {
  const page = app.page;
  await page.setViewportSize({ width: 1024, height: 640 });
  await new SettingsDialog(page).chooseTheme('High contrast');
  await emulator.startAt('samples', 'raw', 'sales', '2025', '01');
  await files.row('orders.csv').click();
  await expect(preview.table()).toBeVisible();

  const download = preview.region.getByRole('button', { name: 'Download' });
  const fits = await download.evaluate((b) => b.scrollWidth <= b.clientWidth);
  expect(fits, 'the Download button shows its whole label').toBe(true);

  // Focus elsewhere: the selected row keeps its selection fill.
  await tree.item('01').focus();
  const row = files.row('orders.csv');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(row).toHaveCSS(
    'background-color',
    rgb(teamsHighContrastTheme.colorNeutralBackground1Selected),
  );
  await expect(row).toHaveCSS('color', rgb(teamsHighContrastTheme.colorNeutralForeground1Selected));
});

import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/tokens';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { Help, windowRoot } from './pages/help.js';
import { SettingsDialog } from './pages/settingsDialog.js';

/** A theme token's `#rrggbb` as the browser computes it: `rgb(r, g, b)`. */
const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
};
const light = rgb(webLightTheme.colorNeutralBackground1);
const dark = rgb(webDarkTheme.colorNeutralBackground1);
const highContrast = rgb(teamsHighContrastTheme.colorNeutralBackground1);

test('Dark in Settings darkens the window and is kept after a reload; System follows the OS again', async ({
  app,
  dataDir,
}) => {
  const page = app.page;
  await expect(windowRoot(page)).toHaveCSS('background-color', light);
  const settings = new SettingsDialog(page);
  await settings.open();
  await expect(settings.theme('System')).toBeChecked();
  await settings.theme('Dark').check();
  await expect(windowRoot(page)).toHaveCSS('background-color', dark);
  await settings.dialog.getByRole('button', { name: 'Close' }).click();
  const saved = JSON.parse(readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as unknown;
  expect(saved).toMatchObject({ theme: 'dark' });

  await page.reload();
  await expect(windowRoot(page)).toHaveCSS('background-color', dark);
  await settings.open();
  await expect(settings.theme('Dark')).toBeChecked();
  await settings.theme('High contrast').check();
  await expect(windowRoot(page)).toHaveCSS('background-color', highContrast);
  await settings.theme('System').check();
  await expect(windowRoot(page)).toHaveCSS('background-color', light);
});

test('with the System setting the window follows prefers-color-scheme: dark', async ({ app }) => {
  await expect(windowRoot(app.page)).toHaveCSS('background-color', light);
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await expect(windowRoot(app.page)).toHaveCSS('background-color', dark);
  await app.page.emulateMedia({ colorScheme: 'light' });
  await expect(windowRoot(app.page)).toHaveCSS('background-color', light);
});

/** Every command with a key, as the window's keys, toolbar tooltips and menus use them. */
const shortcuts: [title: string, keys: string][] = [
  ['Back', 'Alt+Left'],
  ['Forward', 'Alt+Right'],
  ['Up', 'Alt+Up'],
  ['Keyboard shortcuts', 'F1 or ?'],
  ['New folder', 'Ctrl+Shift+N'],
  ['Rename or move', 'F2'],
  ['Delete', 'Del'],
  ['Cut, to move', 'Ctrl+X'],
  ['Copy', 'Ctrl+C'],
  ['Paste here', 'Ctrl+V'],
  ['Properties', 'Alt+Enter'],
  ['Query with SQL', 'Ctrl+Alt+Q'],
  ['Open a folder or preview a file', 'Enter'],
  ['Show the preview', 'Space'],
  ['Close the preview', 'Esc'],
  ['Select all', 'Ctrl+A'],
  ['Open the context menu', 'Shift+F10 or Menu'],
  ['Up to the parent folder', 'Backspace'],
];

/** The open shortcut list shows every command with a key, and its keys. */
async function expectEveryShortcut(help: Help) {
  await expect(help.shortcutRows()).toHaveCount(shortcuts.length);
  for (const [title, keys] of shortcuts) {
    await expect(help.shortcutRow(title).getByRole('cell').nth(1)).toHaveText(keys);
  }
}

test('F1, ? outside text fields and Help → Keyboard shortcuts list every command with a key', async ({
  app,
  welcome,
  tree,
  files,
}) => {
  const page: Page = app.page;
  const help = new Help(page);
  await page.keyboard.press('F1');
  await expect(help.shortcuts).toBeVisible();
  await expectEveryShortcut(help);
  await page.keyboard.press('Escape');
  await expect(help.shortcuts).toBeHidden();

  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'raw');
  await expect(files.row('sales')).toBeVisible();
  await files.grid.focus();
  await page.keyboard.press('?');
  await expect(help.shortcuts).toBeVisible();
  await help.shortcuts.getByRole('button', { name: 'Close' }).click();
  await expect(help.shortcuts).toBeHidden();

  // In a text field `?` is text.
  const filter = files.filter;
  await filter.click();
  await page.keyboard.press('?');
  await expect(filter).toHaveValue('?');
  await expect(help.shortcuts).toBeHidden();
  await filter.fill('');

  await help.choose('Keyboard shortcuts');
  await expect(help.shortcuts).toBeVisible();
  await expectEveryShortcut(help);
});

test('the shortcut list opened with F1 over Settings gives the focus back into Settings, which stays open; from the menu, to Help', async ({
  app,
}) => {
  const page: Page = app.page;
  const help = new Help(page);
  const settings = new SettingsDialog(page);
  await settings.open();
  const dark = settings.dialog.getByRole('radio', { name: 'Dark' });
  await dark.focus();
  await page.keyboard.press('F1');
  await expect(help.shortcuts).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help.shortcuts).toBeHidden();
  await expect(settings.dialog).toBeVisible();
  await expect(dark).toBeFocused();
  await settings.dialog.getByRole('button', { name: 'Close' }).click();
  await expect(settings.dialog).toBeHidden();

  await help.choose('About Lakeshore');
  await expect(help.about).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help.about).toBeHidden();
  await expect(
    page.getByRole('contentinfo', { name: 'Status' }).getByRole('button', { name: 'Help' }),
  ).toBeFocused();
});

test('About shows the version, the data folder and the log folder', async ({ app, dataDir }) => {
  const help = new Help(app.page);
  await help.choose('About Lakeshore');
  const version = (
    JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  await expect(help.aboutValue('Version')).toHaveText(version);
  await expect(help.aboutValue('Data folder')).toHaveText(dataDir);
  await expect(help.aboutValue('Log folder')).toHaveText(path.join(dataDir, 'logs'));
});

// THEME_SHOTS=<dir>: the main screen in each theme at 1024x640 and 1920x1080.
test('screenshots of the main screen in light, dark and high contrast', async ({
  app,
  welcome,
  tree,
  files,
}) => {
  const dir = process.env.THEME_SHOTS;
  test.skip(!dir, 'THEME_SHOTS names the folder for the screenshots');
  const page = app.page;
  await welcome.pickLocalEmulator();
  await tree.expand('Local emulator', 'samples', 'raw', 'sales', '2025', '01');
  await files.row('orders.csv').click();
  await expect(page.getByRole('region', { name: 'Preview' })).toBeVisible();
  const settings = new SettingsDialog(page);
  for (const [name, background] of [
    ['Light', light],
    ['Dark', dark],
    ['High contrast', highContrast],
  ] as const) {
    await settings.chooseTheme(name);
    await expect(windowRoot(page)).toHaveCSS('background-color', background);
    for (const [width, height] of [
      [1024, 640],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({
        path: path.join(
          dir!,
          `main-${name.replace(' ', '-').toLowerCase()}-${width}x${height}.png`,
        ),
      });
    }
  }
  await new Help(page).choose('Keyboard shortcuts');
  await page.screenshot({ path: path.join(dir!, 'shortcuts-high-contrast-1920x1080.png') });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: path.join(dir!, 'shortcuts-high-contrast-1024x640.png') });
});

import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import type { FileList } from './pages/fileList.js';
import { emulatorBlobService } from './support/emulatorBlobs.js';

/** Opens a folder row of the file list (double-click) and waits for the list to show it. */
async function openRow(page: Page, files: FileList, name: string) {
  await files.row(name).dblclick();
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(name);
}

const crumbs = (page: Page) => page.getByRole('navigation', { name: 'Breadcrumb' });
const toolbarButton = (page: Page, name: string) =>
  page.getByRole('toolbar', { name: 'Main' }).getByRole('button', { name, exact: true });

/** The menu item names of an open menu, in order. */
const menuItems = (menu: Locator) =>
  menu.getByRole('menuitem').evaluateAll((items) => items.map((i) => i.textContent?.trim()));

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, b] = css
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map(Number) as [number, number, number];
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test('opening raw/sales from the list expands and highlights it in the tree', async ({
  app,
  emulator,
  tree,
  files,
}) => {
  await emulator.startAt('samples');
  await emulator.showsRow('raw');
  await openRow(app.page, files, 'raw');
  await openRow(app.page, files, 'sales');

  const raw = tree.root.getByRole('treeitem', { name: 'raw', exact: true });
  await expect(raw).toHaveAttribute('aria-expanded', 'true');
  const sales = raw.getByRole('treeitem', { name: 'sales', exact: true });
  await expect(sales).toHaveAttribute('aria-expanded', 'true');
  await expect(sales.getByRole('treeitem', { name: '2025', exact: true })).toBeVisible();
  await expect(tree.selectedItem()).toHaveCount(1);
  await expect(tree.selectedItem()).toHaveAttribute('aria-label', 'sales');
  // The highlight is visible: the selected item's row is shaded, its siblings' are not.
  const shade = (item: Locator) =>
    item
      .locator(':scope > div')
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor);
  const events = raw.getByRole('treeitem', { name: 'events', exact: true });
  expect(await shade(sales)).not.toEqual(await shade(events));
  await expect(sales.getByText('sales', { exact: true })).toBeInViewport();
});

test('clicking the selected tree folder keeps it expanded', async ({ emulator, tree }) => {
  await emulator.pick();
  const raw = await emulator.openAt('samples', 'raw');
  await expect(raw).toHaveAttribute('aria-expanded', 'true');
  await expect(tree.selectedItem()).toHaveAttribute('aria-label', 'raw');
  await tree.select('raw', raw);
  await expect(raw).toHaveAttribute('aria-expanded', 'true');
  await expect(raw.getByRole('treeitem', { name: 'sales', exact: true })).toBeVisible();
  // The chevron still closes it.
  await tree.chevron(raw).click();
  await expect(raw).toHaveAttribute('aria-expanded', 'false');
});

test('a tree folder has the same context menu as its row in the list, acting on it', async ({
  app,
  emulator,
  tree,
  files,
}) => {
  await emulator.startAt('samples');
  await emulator.showsRow('raw');
  await files.row('raw').click({ button: 'right' });
  const rowMenu = app.page.getByRole('menu', { name: 'File actions' });
  const rowItems = await menuItems(rowMenu);
  expect(rowItems.length).toBeGreaterThan(3);
  await app.page.keyboard.press('Escape');
  await expect(rowMenu).toBeHidden();

  const treeMenu = await tree.openContextMenu('raw');
  await expect(treeMenu).toHaveAccessibleName('File actions');
  expect(await menuItems(treeMenu)).toEqual(rowItems);
  await treeMenu.getByRole('menuitem', { name: /^Rename/ }).click();
  const rename = app.page.getByRole('dialog');
  await expect(rename.getByRole('textbox')).toHaveValue('raw');
  await rename.getByRole('button', { name: 'Cancel' }).click();
});

test('selecting the account node lists its containers', async ({
  app,
  dataDir,
  emulator,
  tree,
}) => {
  await emulator.pick();
  await tree.select('Local emulator');
  const expected: string[] = [];
  for await (const c of emulatorBlobService(dataDir).listContainers()) expected.push(c.name);
  expect(expected).toContain('samples');
  const containers = app.page.getByRole('grid', { name: 'Containers' });
  const names = containers
    .getByRole('row')
    .filter({ has: app.page.getByRole('gridcell') })
    .locator('[role="gridcell"]:first-child');
  await expect(names).toHaveText(expected);
  await expect(tree.selectedItem()).toHaveAttribute('aria-label', 'Local emulator');
  // Opening a container from there shows it.
  await containers.getByRole('row', { name: /samples/ }).dblclick();
  await expect(crumbs(app.page)).toContainText('samples');
});

test('back, forward and up (keys, side mouse buttons, toolbar) and Backspace re-select the folder you came from', async ({
  app,
  emulator,
  files,
}) => {
  const page = app.page;
  const selected = (name: string) =>
    expect(files.row(name)).toHaveAttribute('aria-selected', 'true');
  const shows = (last: string) => expect(crumbs(page).getByRole('button').last()).toHaveText(last);
  await emulator.pick();
  const startUrl = page.url();
  await emulator.openAt('samples');
  await emulator.showsRow('raw');
  await openRow(page, files, 'raw');
  await openRow(page, files, 'sales');

  await files.grid.focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await shows('raw');
  await selected('sales');
  await page.keyboard.press('Alt+ArrowRight');
  await shows('sales');

  await toolbarButton(page, 'Back').click();
  await shows('raw');
  await selected('sales');
  await toolbarButton(page, 'Forward').click();
  await shows('sales');
  await expect(toolbarButton(page, 'Forward')).toBeDisabled();

  // The mouse's side buttons (Chromium's "back" and "forward" buttons, 3 and 4).
  const cdp = await page.context().newCDPSession(page);
  const box = (await files.grid.boundingBox())!;
  const side = async (button: 'back' | 'forward') => {
    for (const type of ['mousePressed', 'mouseReleased'] as const)
      await cdp.send('Input.dispatchMouseEvent', {
        type,
        x: box.x + 20,
        y: box.y + box.height - 20,
        button,
        clickCount: 1,
      });
  };
  await side('back');
  await shows('raw');
  await selected('sales');
  await side('forward');
  await shows('sales');

  await toolbarButton(page, 'Up').click();
  await shows('raw');
  await selected('sales');
  await files.grid.focus();
  await page.keyboard.press('Alt+ArrowUp');
  await shows('samples');
  await selected('raw');

  await openRow(page, files, 'curated');
  await files.grid.focus();
  await page.keyboard.press('Backspace');
  await shows('samples');
  await selected('curated');
  // The side buttons and Alt+arrows moved the app, not the browser's own history.
  expect(page.url()).toBe(startUrl);
});

test('the root breadcrumb is readable (contrast at least 4.5:1)', async ({ app, emulator }) => {
  await emulator.startAt('samples');
  await emulator.showsRow('raw');
  const root = crumbs(app.page).getByRole('button', { name: 'Local emulator' });
  const [fg, bg] = await root.evaluate((e) => {
    let bgColor = 'rgb(255, 255, 255)';
    for (let n: Element | null = e; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0')) {
        bgColor = c;
        break;
      }
    }
    return [getComputedStyle(e).color, bgColor];
  });
  expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
});

test('a folder without subfolders shows no chevron once its listing is in', async ({
  app,
  emulator,
  tree,
}) => {
  await emulator.pick();
  const raw = await emulator.openAt('samples', 'raw');
  const config = raw.getByRole('treeitem', { name: 'config', exact: true });
  await expect(tree.chevron(config)).toHaveCount(1);
  await tree.select('config', config);
  await expect(app.page.getByRole('grid', { name: 'Files' })).toContainText('pipeline.json');
  await expect(tree.chevron(config)).toHaveCount(0);
  await expect(config).not.toHaveAttribute('aria-expanded', /.*/);
  // Folders with subfolders keep theirs.
  await expect(tree.chevron(raw.getByRole('treeitem', { name: 'sales', exact: true }))).toHaveCount(
    1,
  );
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

test.use({ sampleMany: 20 });

/** The focused element's accessible name as the toolbar and menus give it (aria-label or text). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return (el?.getAttribute('aria-label') ?? el?.innerText ?? '').trim().split('\n')[0]!;
  });

/** Whether focus is inside the element matching `selector`. */
const focusIn = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.closest(s) !== null, selector);

/** Presses `key` until `done`, at most `max` times; false when it never became true. */
async function pressUntil(page: Page, key: string, done: () => Promise<boolean>, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await done()) return true;
    await page.keyboard.press(key);
  }
  return done();
}

/** The names met moving with `key` from the focused element until a name comes round again or focus stops moving. */
async function walk(page: Page, key: string): Promise<string[]> {
  const names = [await focusedName(page)];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(key);
    const name = await focusedName(page);
    if (name === names.at(-1) || names.includes(name)) break;
    names.push(name);
  }
  return names;
}

/** The enabled, shown buttons of the main toolbar, in order, by accessible name. */
const enabledToolbarButtons = (page: Page) =>
  page.getByRole('toolbar', { name: 'Main' }).evaluate((bar) =>
    [...bar.querySelectorAll('button')]
      .filter((b) => !b.disabled && b.getAttribute('aria-disabled') !== 'true')
      .filter(
        (b) => b.getBoundingClientRect().width > 0 && getComputedStyle(b).visibility !== 'hidden',
      )
      .map((b) => (b.getAttribute('aria-label') ?? b.innerText).trim()),
  );

for (const size of [
  { width: 1024, height: 640 },
  { width: 1920, height: 1080 },
]) {
  test(`every toolbar and menu command is reached and used from the keyboard at ${size.width}×${size.height}`, async ({
    app,
    welcome,
    tree,
    files,
  }) => {
    const page = app.page;
    await page.setViewportSize(size);
    await welcome.pickLocalEmulator();
    await tree.expand('Local emulator', 'samples');
    // A file selected, so the commands on a selection are on too.
    await files.row('README.md').click();

    // Tab reaches the toolbar; the arrow keys then visit every enabled button on it, in order.
    await page.locator('body').focus();
    expect(await pressUntil(page, 'Tab', () => focusIn(page, '[role="toolbar"]'))).toBe(true);
    await page.keyboard.press('Home');
    const reached = await walk(page, 'ArrowRight');
    expect(reached).toEqual(await enabledToolbarButtons(page));

    // Each command that opens a dialog opens it from Enter, and Escape closes it. Focus goes
    // back to the button, or for the path commands to the file list they acted on.
    const bar = page.getByRole('toolbar', { name: 'Main' });
    for (const [name, dialog, focusBack] of [
      ['Add connection', 'Add connection', 'button'],
      ['New folder', 'New folder', 'list'],
      ['Rename', 'Rename or move', 'list'],
      ['Delete', 'Delete', 'list'],
    ] as const) {
      const button = bar.getByRole('button', { name, exact: true });
      if (!(await button.isVisible())) continue;
      await button.focus();
      await page.keyboard.press('Enter');
      const opened = page.getByRole('dialog', { name: new RegExp(`^${dialog}`) });
      await expect(opened).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(opened).toBeHidden();
      if (focusBack === 'button') await expect(button).toBeFocused();
      else await expect.poll(() => focusIn(page, '[role="grid"]')).toBe(true);
    }

    // "More actions" (when the window is too narrow): Enter opens it, the arrows visit every
    // item (a disabled one stays focusable, as menus do, so its tooltip can say why), Escape
    // returns to it.
    const more = bar.getByRole('button', { name: 'More actions' });
    if (await more.isVisible()) {
      await more.focus();
      await page.keyboard.press('Enter');
      const menu = page.getByRole('menu');
      await expect(menu).toBeVisible();
      const items = await menu
        .getByRole('menuitem')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim().split('\n')[0]!));
      expect(items.length).toBeGreaterThan(0);
      expect(new Set(await walk(page, 'ArrowDown'))).toEqual(new Set(items));
      await page.keyboard.press('Escape');
      await expect(menu).toBeHidden();
      await expect(more).toBeFocused();
    }

    // The status bar's Settings and Help: Tab reaches them, Enter opens them.
    const help = page.getByRole('button', { name: 'Help' });
    expect(await pressUntil(page, 'Tab', async () => (await focusedName(page)) === 'Help')).toBe(
      true,
    );
    await page.keyboard.press('Enter');
    const helpMenu = page.getByRole('menu');
    await expect(helpMenu).toBeVisible();
    expect(new Set(await walk(page, 'ArrowDown'))).toEqual(
      new Set(['Keyboard shortcuts', 'About Lakeshore']),
    );
    await page.keyboard.press('Escape');
    await expect(help).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('Settings');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();

    // The file list's context menu: Shift+F10 on the row, every item reachable (disabled ones too).
    await files.row('README.md').click();
    await page.keyboard.press('Shift+F10');
    const context = page.getByRole('menu');
    await expect(context).toBeVisible();
    const contextItems = await context
      .getByRole('menuitem')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim().split('\n')[0]!));
    expect(new Set(await walk(page, 'ArrowDown'))).toEqual(new Set(contextItems));
    await page.keyboard.press('Escape');
    await expect(context).toBeHidden();
  });
}

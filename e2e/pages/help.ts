import type { Locator, Page } from '@playwright/test';

/** Help (the status bar's menu): the keyboard shortcut list and About. */
export class Help {
  readonly shortcuts: Locator;
  readonly about: Locator;
  constructor(private readonly page: Page) {
    this.shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    this.about = page.getByRole('dialog', { name: 'About Lakeshore' });
  }

  /** Opens Help → `item` from the status bar. */
  async choose(item: 'Keyboard shortcuts' | 'About Lakeshore'): Promise<void> {
    await this.page
      .getByRole('contentinfo', { name: 'Status' })
      .getByRole('button', { name: 'Help' })
      .click();
    await this.page.getByRole('menuitem', { name: new RegExp(`^${item}`) }).click();
  }

  /** The shortcut list's row for the command titled `title`. */
  shortcutRow(title: string): Locator {
    return this.shortcuts
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: title, exact: true }) });
  }

  /** The shortcut list's rows of commands (header rows left out). */
  shortcutRows(): Locator {
    return this.shortcuts.getByRole('row').filter({ hasNot: this.page.getByRole('columnheader') });
  }

  /** About's value for `term` ('Version', 'Data folder', 'Log folder'): the definition after it. */
  aboutValue(term: string): Locator {
    return this.about
      .getByRole('term')
      .filter({ hasText: new RegExp(`^${term}$`) })
      .locator('xpath=following-sibling::dd[1]');
  }
}

/** The window's themed root (Fluent's provider), whose background is the theme's. */
export const windowRoot = (page: Page): Locator => page.locator('#root > .fui-FluentProvider');

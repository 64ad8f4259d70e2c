import type { Locator, Page } from '@playwright/test';

/** The Settings dialog (opened from the status bar) and its in-app folder picker. */
export class SettingsDialog {
  readonly dialog: Locator;
  readonly picker: Locator;
  constructor(private readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Settings' });
    this.picker = page.getByRole('dialog', { name: 'Choose a folder' });
  }

  async open(): Promise<void> {
    await this.page
      .getByRole('contentinfo', { name: 'Status' })
      .getByRole('button', { name: 'Settings' })
      .click();
  }

  resumeSwitch(): Locator {
    return this.dialog.getByRole('switch', { name: /Resume unfinished transfers/ });
  }

  /** The theme choice: 'System', 'Light', 'Dark' or 'High contrast'. */
  theme(name: 'System' | 'Light' | 'Dark' | 'High contrast'): Locator {
    return this.dialog
      .getByRole('radiogroup', { name: 'Theme' })
      .getByRole('radio', { name, exact: true });
  }

  /** Opens Settings, picks the theme `name`, waits until it is the checked one, and closes. */
  async chooseTheme(name: 'System' | 'Light' | 'Dark' | 'High contrast'): Promise<void> {
    await this.open();
    await this.theme(name).check();
    await this.dialog.getByRole('button', { name: 'Close' }).click();
    await this.dialog.waitFor({ state: 'hidden' });
  }

  downloadFolder(): Locator {
    return this.dialog.getByRole('textbox', { name: 'Download folder' });
  }

  /** Opens the picker and walks into `folders` (names below the folder it starts in), then chooses. */
  async pickDownloadFolder(...folders: string[]): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Change…' }).click();
    for (const name of folders) {
      await this.picker
        .getByRole('list', { name: 'Folders' })
        .getByRole('button', { name, exact: true })
        .click();
    }
    await this.picker.getByRole('button', { name: 'Choose this folder' }).click();
  }
}

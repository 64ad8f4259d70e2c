import { expect, type Locator, type Page } from '@playwright/test';

/** The path and container dialogs (New folder, Rename or move, Delete, New/Delete container). */
export class PathDialogs {
  constructor(private readonly page: Page) {}

  newFolder(): Locator {
    return this.page.getByRole('dialog', { name: 'New folder' });
  }

  rename(): Locator {
    return this.page.getByRole('dialog', { name: 'Rename or move' });
  }

  delete(): Locator {
    return this.page.getByRole('dialog', { name: 'Delete' });
  }

  newContainer(): Locator {
    return this.page.getByRole('dialog', { name: 'New container' });
  }

  deleteContainer(): Locator {
    return this.page.getByRole('dialog', { name: 'Delete container' });
  }

  /**
   * Clicks the main toolbar's action of that name: its button, or, when the toolbar has moved it
   * into "More actions" for lack of room (a notice shown in the toolbar takes some), that menu's
   * item.
   */
  async toolbar(name: string): Promise<void> {
    const bar = this.page.getByRole('toolbar', { name: 'Main' });
    const button = bar.getByRole('button', { name, exact: true });
    const more = bar.getByRole('button', { name: 'More actions' });
    await expect(button.or(more).first()).toBeVisible();
    if (await button.isVisible()) {
      await button.click();
      return;
    }
    await more.click();
    await this.page.getByRole('menuitem', { name, exact: true }).click();
  }

  /** Creates a folder in the shown directory through the toolbar's New folder dialog. */
  async createFolder(name: string): Promise<void> {
    await this.toolbar('New folder');
    await this.newFolder().getByRole('textbox', { name: 'Name' }).fill(name);
    await this.newFolder().getByRole('button', { name: 'Create' }).click();
    await this.newFolder().waitFor({ state: 'hidden' });
  }

  /** With a row focused: F2, type the new name or path, Rename; waits for the dialog to close. */
  async renameSelected(to: string): Promise<void> {
    await this.page.keyboard.press('F2');
    const field = this.rename().getByRole('textbox', { name: 'New name or path' });
    await field.fill(to);
    await this.rename().getByRole('button', { name: 'Rename' }).click();
    await this.rename().waitFor({ state: 'hidden' });
  }
}

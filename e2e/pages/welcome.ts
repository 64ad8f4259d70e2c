import type { Page } from '@playwright/test';

/** The first-run panel and the Add connection dialog. */
export class Welcome {
  constructor(private readonly page: Page) {}

  /** Picks "Local emulator" and waits until its connection shows in the tree (first start seeds it). */
  async pickLocalEmulator(): Promise<void> {
    await this.page.getByRole('button', { name: 'Local emulator' }).click();
    await this.page
      .getByRole('tree', { name: 'Storage' })
      .getByRole('treeitem', { name: 'Local emulator', exact: true })
      .waitFor({ timeout: 150_000 });
  }

  dialog() {
    return this.page.getByRole('dialog', { name: 'Add connection' });
  }

  /** Adds a connection string under `name` through the dialog and waits for it to close. */
  async addConnectionString(name: string, connectionString: string): Promise<void> {
    await this.openAddConnection();
    const add = this.dialog();
    await add.getByRole('radio', { name: 'Connection string' }).check();
    await add.getByRole('textbox', { name: 'Display name (optional)' }).fill(name);
    await add.getByRole('textbox', { name: 'Connection string' }).fill(connectionString);
    await add.getByRole('button', { name: 'Connect' }).click();
    await add.waitFor({ state: 'hidden' });
  }

  async openAddConnection(): Promise<void> {
    await this.page
      .getByRole('button', { name: /^Add connection/ })
      .first()
      .click();
    await this.dialog().waitFor();
  }
}

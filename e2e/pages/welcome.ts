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

  async openAddConnection(): Promise<void> {
    await this.page
      .getByRole('button', { name: /^Add connection/ })
      .first()
      .click();
    await this.dialog().waitFor();
  }
}

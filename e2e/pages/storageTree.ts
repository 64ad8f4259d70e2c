import type { Locator, Page } from '@playwright/test';

/** The tree of connections → containers → directories (role=tree "Storage"). */
export class StorageTree {
  readonly root: Locator;
  constructor(page: Page) {
    this.root = page.getByRole('tree', { name: 'Storage' });
  }

  item(name: string): Locator {
    return this.root.getByRole('treeitem', { name, exact: true }).last();
  }

  /**
   * Clicks an item's label, as a user does to show it in the file list. (The middle of an open
   * branch is its subtree, and deep items start with their chevron, which only opens.)
   */
  async select(name: string): Promise<void> {
    await this.item(name).getByText(name, { exact: true }).first().click();
  }

  /** Opens each named item in turn (a path from a connection down), waiting for each to appear. */
  async expand(...names: string[]): Promise<void> {
    for (const name of names) {
      const item = this.item(name);
      await item.waitFor();
      if ((await item.getAttribute('aria-expanded')) !== 'true') await this.select(name);
    }
  }
}

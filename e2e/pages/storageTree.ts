import type { Locator, Page } from '@playwright/test';

/** The tree of connections → containers → directories (role=tree "Storage"). */
export class StorageTree {
  readonly root: Locator;
  constructor(page: Page) {
    this.root = page.getByRole('tree', { name: 'Storage' });
  }

  item(name: string): Locator {
    return this.root.getByRole('treeitem', { name, exact: true });
  }

  /** Opens each named item in turn (a path from a connection down), waiting for each to appear. */
  async expand(...names: string[]): Promise<void> {
    for (const name of names) {
      const item = this.item(name).last();
      await item.waitFor();
      if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
    }
  }
}
